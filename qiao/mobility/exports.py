"""Exports for the back office: application lists as CSV/XLSX (documents as one PDF:
``bundles``)."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook


def _rows(applications):
    yield [
        _("Rank"),
        _("First name"),
        _("Last name"),
        _("E-mail"),
        _("Degree programme"),
        _("Status"),
        _("Average score"),
        _("Submitted"),
    ]
    for rank, application in enumerate(applications, start=1):
        submitted = (
            timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M")
            if application.submitted_at
            else ""
        )
        score = application.average_score
        yield [
            rank,
            application.first_name,
            application.last_name,
            application.applicant.email,
            application.study_programme,
            str(application.get_status_display()),
            round(score, 2) if score is not None else "",
            submitted,
        ]


def _safe(value):
    # Spreadsheet programs run cells that start with these as formulas.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def applications_csv(applications) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _rows(applications):
        writer.writerow([_safe(value) for value in row])
    return buffer.getvalue()


def applications_xlsx(applications) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Applications")[:31]
    for row in _rows(applications):
        sheet.append([_safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
