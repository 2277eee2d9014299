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


def _money_cell(sheet, row: int, column: int) -> None:
    sheet.cell(row=row, column=column).number_format = "#,##0.00"


def _date_cell(sheet, row: int, column: int) -> None:
    sheet.cell(row=row, column=column).number_format = "yyyy-mm-dd"


def grants_xlsx(call, participants) -> bytes:
    """The grants of a call as a spreadsheet with real number and date cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Grants")[:31]
    sheet.append(
        [
            _("First name"),
            _("Last name"),
            _("E-mail"),
            _("Status"),
            _("Flight"),
            _("Visa"),
            _("Stipend"),
            _("Flat rates"),
            _("Total"),
            _("Paid"),
            _("Paid on"),
            _("Reclaimed"),
            _("Reclaimed on"),
            _("Reason for exceeding the budget"),
        ]
    )
    for application in participants:
        grant = getattr(application, "grant", None)
        if grant is None:
            continue
        sheet.append(
            [
                _safe(application.first_name),
                _safe(application.last_name),
                _safe(application.applicant.email),
                str(grant.get_status_display()),
                grant.flight,
                grant.visa,
                grant.stipend,
                grant.flat_rate,
                grant.amount,
                grant.paid_amount,
                grant.paid_on,
                grant.reclaimed_amount,
                grant.reclaimed_on,
                _safe(grant.override_reason),
            ]
        )
        row = sheet.max_row
        for column in (5, 6, 7, 8, 9, 10, 12):
            _money_cell(sheet, row, column)
        for column in (11, 13):
            _date_cell(sheet, row, column)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
