"""Every UI string has a translation in German, English and Chinese, and the compiled
catalogues that the site loads match their sources."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
CATALOGUES = sorted(ROOT.glob("qiao/*/locale/*/LC_MESSAGES/django.po"))
MSGFMT = shutil.which("msgfmt")


def test_every_app_with_strings_has_all_three_catalogues():
    languages = {}
    for catalogue in CATALOGUES:
        app = catalogue.relative_to(ROOT).parts[1]
        languages.setdefault(app, set()).add(catalogue.parts[-3])
    assert languages and all(found == {"de", "en", "zh_Hans"} for found in languages.values())


@pytest.mark.skipif(MSGFMT is None, reason="needs GNU gettext's msgfmt")
@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: "/".join(path.parts[-5:-2]))
def test_catalogue_is_complete_and_compiled(catalogue, tmp_path):
    compiled = tmp_path / "django.mo"
    result = subprocess.run(  # noqa: S603 - fixed program, our own files
        [MSGFMT, "--check", "--statistics", "-o", str(compiled), str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    )
    statistics = result.stderr.strip().splitlines()[-1]
    assert "untranslated" not in statistics and "fuzzy" not in statistics, statistics
    assert compiled.read_bytes() == catalogue.with_suffix(".mo").read_bytes()


ENGLISH = [catalogue for catalogue in CATALOGUES if catalogue.parts[-3] == "en"]


@pytest.mark.parametrize("catalogue", ENGLISH, ids=lambda path: path.parts[-5])
def test_english_catalogue_says_what_the_source_says(catalogue):
    """The source strings are English: a different English text is a fuzzy match that
    was carried over (e.g. "assigned to" for "issued to"), never a deliberate choice."""
    differing = [
        (entry.msgid, entry.msgstr)
        for entry in polib.pofile(str(catalogue))
        if not entry.msgid_plural and entry.msgstr and entry.msgstr != entry.msgid
    ]
    assert differing == []
