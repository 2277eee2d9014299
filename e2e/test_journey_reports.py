"""The head of the centre's side of reporting: the back office's home page as each staff
role sees it, the statistics of last year, and the funder report in both formats (its PDF
read with a real parser, Chinese included; its first page saved as an image to look at)."""

import subprocess
import sys

import openpyxl
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from e2e.conftest import ARTIFACTS, PROJECT

pytestmark = pytest.mark.journey

PANELS = [
    "dashboard-events",
    "dashboard-calls",
    "dashboard-advising",
    "dashboard-agreements",
    "dashboard-contact",
]
ROLE_PANELS = {
    "Event team": ["dashboard-events"],
    "Mobility coordinators": ["dashboard-calls"],
    "Advisors": ["dashboard-advising"],
    "Partner-network managers": ["dashboard-agreements"],
    "Administrators": ["dashboard-contact"],
    "Editors": [],
    "Reviewers": [],
}


def set_role(live_site, email: str, role: str | None) -> None:
    """The demo's staff account holds only ``role`` (None: superuser again)."""
    code = (
        "from django.contrib.auth import get_user_model;"
        "from django.contrib.auth.models import Group;"
        f"u = get_user_model().objects.get(email={email!r});"
        f"role = {role!r};"
        "u.is_superuser = role is None; u.save(update_fields=['is_superuser']);"
        "u.groups.set(Group.objects.filter(name=role) if role else [])"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT,
        env=live_site.env,
        check=True,
        capture_output=True,
    )


def shown_panels(staff_page) -> list[str]:
    staff_page.goto("/admin/")
    return [panel for panel in PANELS if staff_page.locator(f'[id^="{panel}"]').count()]


def test_dashboard_shows_each_role_its_panels(staff_page, live_site, staff_login):
    email = staff_login[0]
    try:
        for role, panels in ROLE_PANELS.items():
            set_role(live_site, email, role)
            assert (role, shown_panels(staff_page)) == (role, panels)
            staff_page.screenshot(path=ARTIFACTS / f"dashboard-{role.split()[0].lower()}.png")
    finally:
        set_role(live_site, email, None)
    assert shown_panels(staff_page) == PANELS
    expect(staff_page.locator(".w-summary")).to_have_count(0)


def test_head_reads_statistics_and_downloads_the_funder_report(staff_page, live_site, tmp_path):
    staff_page.goto("/admin/reports/statistics/?kind=calendar&year=2025")
    charts = staff_page.locator("svg.qiao-chart[role=img]")
    assert charts.count() >= 10
    expect(staff_page.locator("#chart-trend-events-title")).to_have_count(1)
    # The admin scrolls inside its own container: a tall window shows the whole page.
    staff_page.set_viewport_size({"width": 1280, "height": 7000})
    staff_page.screenshot(path=ARTIFACTS / "statistics.png")
    staff_page.set_viewport_size({"width": 1280, "height": 720})

    staff_page.goto("/admin/reports/funder/?year=2025")
    files = {}
    for key in ("xlsx/de", "pdf/de", "pdf/en"):
        with staff_page.expect_download() as info:
            staff_page.locator(f'a.button[href$="/2025/{key}/"]').click()
        files[key] = tmp_path / info.value.suggested_filename
        info.value.save_as(files[key])

    workbook = openpyxl.load_workbook(files["xlsx/de"])
    assert workbook.sheetnames[-1] == "Geförderte Personen"
    german = "\n".join(page.extract_text() for page in PdfReader(files["pdf/de"]).pages)
    english = "\n".join(page.extract_text() for page in PdfReader(files["pdf/en"]).pages)
    assert "中国能力中心" in german
    assert "2025" in german and "2025" in english
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(files["pdf/de"]),
            str(ARTIFACTS / "funder-report-de"),
        ],
        check=True,
    )
