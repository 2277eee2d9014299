"""Accessibility audit (axe-core) and HTML validation (vnu), both from node_modules/."""

import json
import shutil
import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.1 level A and AA (BITV 2.0).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """Runs axe on the page as it is now; returns the violations, shortened for reading."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
            "summary": violation["nodes"][0].get("failureSummary", "")
            if violation["nodes"]
            else "",
        }
        for violation in result["violations"]
    ]


def vnu_errors(html_files: list[Path]) -> dict[str, list[dict]]:
    """Validates the files in one run of vnu; returns the errors by file name."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java is missing (apt-get install -y default-jre-headless)")
    completed = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, html_files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    report = json.loads(completed.stderr or completed.stdout or '{"messages": []}')
    errors: dict[str, list[dict]] = {path.name: [] for path in html_files}
    for message in report["messages"]:
        name = Path(message.get("url", "").removeprefix("file:")).name
        errors.setdefault(name, []).append(
            {
                "line": message.get("lastLine"),
                "message": message.get("message"),
                "extract": message.get("extract", "").strip(),
            }
        )
    return errors
