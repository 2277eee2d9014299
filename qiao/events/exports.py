"""Registrations of an event as rows for CSV and XLSX exports and the check-in list.

Rows hold datetimes in Berlin time: XLSX writes them as real date cells, CSV as text.
CSV uses the form German Excel opens by double-click (";" and a UTF-8 BOM), or commas."""

import csv
import datetime
import io

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .enums import Affiliation, ParticipationMode, RegistrationStatus

# The language a participant chose, by its own name (as in the language switcher).
LANGUAGE_NAMES = dict(settings.LANGUAGES)


CSV_SEPARATORS = {"semicolon": ";", "comma": ","}
DATE_FORMAT = "%Y-%m-%d %H:%M"
XLSX_DATE_FORMAT = "YYYY-MM-DD HH:MM"


def _when(value) -> datetime.datetime | str:
    """Berlin time without the zone (spreadsheets have no time zones), or ""."""
    return timezone.localtime(value).replace(tzinfo=None, microsecond=0) if value else ""


def _text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime(DATE_FORMAT)
    return value


def registration_rows(event, registrations) -> list[list[str]]:
    questions = list(event.source_event.questions.all())
    header = [
        _("Name"),
        _("E-mail"),
        _("Affiliation"),
        _("Institution"),
        _("Participation"),
        _("Status"),
        _("Language"),
        _("Sessions"),
        _("Registered"),
        _("Confirmed"),
        _("Checked in"),
        _("Accompanying persons"),
        *[question.label for question in questions],
    ]
    rows = [header]
    for registration in registrations:
        answers = registration.answers or {}
        rows.append(
            [
                registration.name,
                registration.email,
                str(Affiliation(registration.affiliation).label),
                registration.institution,
                str(ParticipationMode(registration.participation_mode).label),
                str(RegistrationStatus(registration.status).label),
                LANGUAGE_NAMES.get(registration.language, registration.language),
                "; ".join(session.title for session in registration.sessions.all()),
                _when(registration.created_at),
                _when(registration.confirmed_at),
                _when(registration.attended_at),
                registration.companions,
                *[_answer(answers.get(str(question.pk))) for question in questions],
            ]
        )
    return rows


def _answer(value) -> str:
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    return "" if value is None else str(value)


def _safe_cell(value):
    # Spreadsheet programs run cells starting with these as formulas (CSV injection).
    if not isinstance(value, str):
        return value
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_csv(rows, *, separator: str = ";") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator)
    for row in rows:
        writer.writerow([_safe_cell(_text(cell)) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    for row in rows:
        sheet.append([_safe_cell(cell) for cell in row])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = XLSX_DATE_FORMAT
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
