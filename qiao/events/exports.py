"""Registrations of an event as rows for CSV and XLSX exports and the check-in list."""

import csv
import io

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .enums import Affiliation, ParticipationMode, RegistrationStatus

# The language a participant chose, by its own name (as in the language switcher).
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


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


def _safe_cell(value: str) -> str:
    # Spreadsheet programs run cells starting with these as formulas (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    for row in rows:
        sheet.append([_safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
