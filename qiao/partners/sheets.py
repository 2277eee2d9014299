"""The programme sheet of a delegation visit, in German or Chinese: as a web page and as
a PDF on the centre's letterhead (name, logo and address from the centre settings).

Each agenda item shows the local time of where it happens, labelled, and the other
country's time beside it."""

import io

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from qiao.core.models import CentreSettings
from qiao.core.pdf import a4_document, font_name, letterhead, paragraph

from .enums import AgendaZone


def _zone_label(zone: str) -> str:
    return _("China time") if zone == AgendaZone.CHINA else _("Berlin time")


def _when(moment, *, with_date: bool) -> str:
    time = formats.time_format(moment, "TIME_FORMAT")
    if not with_date:
        return time
    return f"{formats.date_format(moment, 'SHORT_DATE_FORMAT')} {time}"


def agenda_rows(visit) -> list[dict]:
    """Each agenda item with its local time and the other country's, both labelled; the
    other time carries its date where the day differs."""
    rows = []
    for item in visit.agenda_items.all():
        local, other = item.local_start, item.other_start
        rows.append(
            {
                "local": _when(local, with_date=True),
                "local_label": _zone_label(item.zone),
                "local_iso": local.isoformat(),
                "other": _when(other, with_date=other.date() != local.date()),
                "other_label": _zone_label(item.other_zone),
                "place": item.place,
                "topic": item.topic,
            }
        )
    return rows


def host_lines(visit) -> list[str]:
    return visit.host_lines(translation.get_language() or "de")


def sheet_pdf(visit) -> bytes:
    """The sheet as a PDF in the active language."""
    centre = CentreSettings.load()
    buffer = io.BytesIO()
    document, width = a4_document(buffer, visit.title, centre)
    story = [letterhead(centre, width), Spacer(1, 6 * mm)]
    story += [paragraph(_("Programme of the visit"), "small"), paragraph(visit.title, "title")]
    dates = formats.date_format(visit.starts_on, "DATE_FORMAT")
    if visit.ends_on != visit.starts_on:
        dates += " – " + formats.date_format(visit.ends_on, "DATE_FORMAT")
    story.append(paragraph(f"{visit.get_direction_display()} · {dates}"))
    names = [_institution_name(institution) for institution in visit.institutions.all()]
    if names:
        story.append(paragraph("; ".join(names)))

    story.append(paragraph(_("Agenda"), "heading"))
    rows = agenda_rows(visit)
    if rows:
        story.append(
            _table(
                [(_("Time"), _("Place"), _("Topic"))]
                + [
                    (
                        f"{row['local']} {row['local_label']}\n"
                        f"({row['other']} {row['other_label']})",
                        row["place"],
                        row["topic"],
                    )
                    for row in rows
                ],
                [width * 0.38, width * 0.22, width * 0.40],
            )
        )
    else:
        story.append(paragraph(_("No agenda items yet.")))

    story.append(paragraph(_("Delegation"), "heading"))
    people = list(visit.participants.all())
    if people:
        story.append(
            _table(
                [(_("Name"), _("Name in Chinese characters"), _("Role"))]
                + [
                    (
                        person.name_latin
                        + (f" ({_('head of the delegation')})" if person.is_head else ""),
                        person.name_zh,
                        person.role,
                    )
                    for person in people
                ],
                [width * 0.32, width * 0.23, width * 0.45],
            )
        )
    else:
        story.append(paragraph(_("No participants entered yet.")))
    hosts = host_lines(visit)
    if hosts:
        story += [paragraph(_("Hosts"), "heading"), paragraph("\n".join(hosts))]
    document.build(story)
    return buffer.getvalue()


def _institution_name(institution) -> str:
    language = translation.get_language() or "de"
    if language.startswith("zh") and institution.name_zh:
        return institution.name_zh
    if institution.name_zh:
        return f"{institution.name} ({institution.name_zh})"
    return institution.name


def _table(rows, widths) -> Table:
    table = Table(
        [[paragraph(cell) for cell in row] for row in rows], colWidths=widths, repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), font_name()),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#999999"),
                ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee"),
            ]
        )
    )
    return table
