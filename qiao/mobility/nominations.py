"""Nominations for the partner university: the selected participants of a call as a
spreadsheet and as JSON. Field names follow the Erasmus Without Paper specifications
(outgoing mobilities) where they have one; the others carry an ``x-`` prefix."""

import io
import json

from django.utils.translation import gettext as _
from openpyxl import Workbook

from qiao.core.models import CentreSettings

from .enums import HOLDS_PLACE, LanguageLevel, language_scale_and_rank
from .exports import _safe
from .models import Application


def selected(call):
    return (
        Application.objects.filter(call=call, status__in=HOLDS_PLACE)
        .select_related("applicant", "call__programme__partner")
        .order_by("last_name", "first_name", "pk")
    )


def _language_skill(level: str) -> dict:
    if not level:
        return {}
    scale, _rank = language_scale_and_rank(level)
    if scale == "cefr":
        return {"cefr-level": level.upper()}
    return {"language": "zh", "x-hsk-level": LanguageLevel(level).label}


def _sending_hei(centre) -> dict:
    return {
        "x-name": centre.institution_en or centre.institution_de,
        "erasmus-code": centre.erasmus_code,
        "x-ror-id": centre.ror_id,
    }


def _receiving_hei(programme) -> dict:
    partner = programme.partner
    return {
        "x-name": partner.name_en if partner else programme.partner_name,
        "erasmus-code": partner.erasmus_code if partner else "",
        "x-ror-id": partner.ror_id if partner else "",
    }


def nomination(application) -> dict:
    """One nomination with EWP field names (omobility), ``x-`` where EWP has none."""
    call = application.call
    programme = call.programme
    centre = CentreSettings.load()
    skill = _language_skill(application.language_level)
    return {
        "omobility-id": str(application.pk),
        "status": "nomination",
        "sending-hei": _sending_hei(centre),
        "receiving-hei": _receiving_hei(programme),
        "student": {
            "given-names": application.first_name,
            "family-name": application.last_name,
            "email": application.applicant.email,
        },
        "planned-arrival-date": call.starts_on.isoformat() if call.starts_on else None,
        "planned-departure-date": call.ends_on.isoformat() if call.ends_on else None,
        "eqf-level-studied-at-departure": programme.eqf_level,
        "subject-area": {"isced-f-code": programme.isced_code},
        "student-language-skill": [skill] if skill else [],
        "x-programme": programme.title,
        "x-degree-programme": application.study_programme,
    }


def nominations_json(call) -> str:
    return json.dumps(
        {"omobilities": [nomination(application) for application in selected(call)]},
        ensure_ascii=False,
        indent=2,
    )


def nominations_xlsx(call) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Nominations")[:31]
    sheet.append(
        [
            "given-names",
            "family-name",
            "email",
            "x-programme",
            "planned-arrival-date",
            "planned-departure-date",
            "x-degree-programme",
            "isced-f-code",
            "eqf-level-studied-at-departure",
            "x-language-level",
            "sending-hei-x-name",
            "sending-hei-erasmus-code",
            "sending-hei-x-ror-id",
            "receiving-hei-x-name",
            "receiving-hei-erasmus-code",
            "receiving-hei-x-ror-id",
        ]
    )
    sending = _sending_hei(CentreSettings.load())
    for application in selected(call):
        programme = application.call.programme
        receiving = _receiving_hei(programme)
        sheet.append(
            [
                _safe(application.first_name),
                _safe(application.last_name),
                _safe(application.applicant.email),
                _safe(programme.title),
                application.call.starts_on,
                application.call.ends_on,
                _safe(application.study_programme),
                programme.isced_code,
                programme.eqf_level,
                LanguageLevel(application.language_level).label
                if application.language_level
                else "",
                *(_safe(sending[key]) for key in ("x-name", "erasmus-code", "x-ror-id")),
                *(_safe(receiving[key]) for key in ("x-name", "erasmus-code", "x-ror-id")),
            ]
        )
        for column in (5, 6):
            sheet.cell(row=sheet.max_row, column=column).number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
