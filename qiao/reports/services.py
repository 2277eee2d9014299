"""The reports app writes nothing of other apps; its one write is the log entry of each
funder report created (the list of funded persons is personal data)."""

from django.db import transaction

from qiao.accounts import audit

from . import funder, queries

FORMATS = ("xlsx", "pdf")
LANGUAGES = ("de", "en")


def create_funder_report(year: int, *, file_format: str, language: str, user) -> bytes:
    """The report file for ``year``; records in the audit trail who created it and whose
    data it lists (one entry per funded person, or one for the report if none)."""
    if file_format not in FORMATS or language not in LANGUAGES:
        raise ValueError(f"no funder report as {file_format!r} in {language!r}")
    if file_format == "xlsx":
        content = funder.workbook_bytes(year, language)
    else:
        content = funder.pdf_bytes(year, language)
    subject = f"Funder report {year} ({file_format.upper()}, {language})"
    people = [person["name"] for person in queries.funded_persons(year)]
    with transaction.atomic():
        audit.record_many(user, audit.EXPORTED, people=people or ["–"], subject=subject)
    return content
