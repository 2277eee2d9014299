"""The annual report to the funder: an XLSX workbook (a sheet per area, real number and
date cells, totals) and a PDF on the centre's letterhead in German or English, with the
figures, the charts and the narrative staff wrote. Both from queries.statistics and
queries.funded_persons; nothing here counts on its own."""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from qiao.core.models import CentreSettings
from qiao.core.pdf import font_name, paragraph
from qiao.mobility.enums import ApplicationStatus
from qiao.mobility.funding import format_euro

from . import charts, queries
from .models import FunderReport

BAR_COLOURS = ["#0b5394", "#b45f06", "#38761d", "#741b47", "#134f5c", "#7f6000"]


def narrative_for(year: int) -> FunderReport | None:
    return FunderReport.objects.filter(year=year).first()


def report_data(year: int):
    period = queries.Period.of(queries.PeriodKind.CALENDAR, year)
    stats = queries.statistics(period)
    return stats, charts.charts_for(stats), queries.funded_persons(year)


def _home_university(settings: CentreSettings, language: str) -> str:
    return (settings.institution_en if language == "en" else settings.institution_de) or (
        settings.institution_de or settings.institution_en
    )


# --- XLSX ---------------------------------------------------------------------------------


def _area_sheet(workbook, title: str, tables: list[tuple[list[str], list[list]]], *, total=True):
    """One sheet per area: its tables one below the other, each with a row of totals
    (formulas, so that the sheet stays right when someone corrects a figure)."""
    sheet = workbook.create_sheet(title[:31])
    for header, rows in tables:
        sheet.append(header)
        first = sheet.max_row + 1
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        if total and rows:
            last = sheet.max_row
            totals = [_("Total")]
            for column in range(2, len(header) + 1):
                letter = sheet.cell(row=1, column=column).column_letter
                totals.append(f"=SUM({letter}{first}:{letter}{last})")
            sheet.append(totals)
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        sheet.append([])
    for index in range(1, 8):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 30
    return sheet


def workbook_bytes(year: int, language: str = "de") -> bytes:
    with translation.override(language):
        stats, chart_groups, persons = report_data(year)
        settings = CentreSettings.load()
        workbook = Workbook()
        summary = workbook.active
        summary.title = _("Summary")[:31]
        summary.append([_("Report to the funder"), year])
        summary.append([_("Created"), timezone.localtime().replace(tzinfo=None)])
        summary["B2"].number_format = "yyyy-mm-dd hh:mm"
        events = stats.events
        for label, value in [
            (_("Events"), events["events"]),
            (_("Registrations"), events["registrations"]),
            (_("Confirmed"), events["confirmed"]),
            (_("Attended"), events["attended"]),
            (_("No-show rate (%)"), events["no_show_rate"]),
            (_("Mobility applications"), stats.mobility["applications"]),
            (_("Selected"), stats.mobility["selected"]),
            (_("Participated"), stats.mobility["participated"]),
            (_("Advising appointments"), stats.advising["appointments"]),
            (_("Agreements in force"), stats.partners["agreements"]),
        ]:
            summary.append([label, value])
        summary.column_dimensions["A"].width = 32
        summary.column_dimensions["B"].width = 20
        for area, title in [
            ("events", _("Events")),
            ("advising", _("Advising")),
            ("partners", _("Partners")),
            ("trend", _("Year over year")),
        ]:
            _area_sheet(
                workbook,
                title,
                [
                    ([chart.title, _("Number")], [[label, value] for label, value in chart.rows])
                    for chart in chart_groups[area]
                ],
            )
        counts = [_("Applications"), _("Selected"), _("Participated")]
        mobility = stats.mobility

        def mobility_rows(rows, key):
            return [
                [row[key] or "–", row["applications"], row["selected"], row["participated"]]
                for row in rows
            ]

        _area_sheet(
            workbook,
            _("Mobility"),
            [
                (
                    [_("Programme"), *counts],
                    mobility_rows(mobility["by_programme"], "call__programme__title"),
                ),
                (
                    [_("Partner"), *counts],
                    mobility_rows(mobility["by_partner"], "call__programme__partner__name_en"),
                ),
                ([_("Call"), *counts], mobility_rows(mobility["by_call"], "call__title_de")),
            ],
        )
        sheet = _area_sheet(
            workbook,
            _("Funded persons"),
            [
                (
                    [
                        _("Name"),
                        _("Home university"),
                        _("Programme"),
                        _("Partner"),
                        _("Accepted on"),
                        _("Status"),
                        _("Funding source"),
                        _("Funding (EUR)"),
                    ],
                    [
                        [
                            person["name"],
                            _home_university(settings, language),
                            person["programme"],
                            person["partner"],
                            timezone.localdate(person["accepted_on"])
                            if person["accepted_on"]
                            else None,
                            str(ApplicationStatus(person["status"]).label),
                            person["funding_source"],
                            person["funding"],
                        ]
                        for person in persons
                    ],
                )
            ],
            total=False,
        )
        for cell in sheet["E"][1:]:
            cell.number_format = "yyyy-mm-dd"
        for cell in sheet["H"][1:]:
            cell.number_format = "#,##0.00"
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()


# --- PDF ------------------------------------------------------------------------------------


def chart_drawing(chart: charts.Chart, width=160 * mm) -> Drawing:
    """The chart's bars for the PDF, from the same rows as the page's SVG."""
    row_height, bar_height, label_width = 16, 10, 62 * mm
    height = max(len(chart.rows), 1) * row_height + 4
    drawing = Drawing(width, height)
    longest = max((value for _label, value in chart.rows), default=0) or 1
    room = width - label_width - 30
    for index, (label, value) in enumerate(chart.rows):
        y = height - (index + 1) * row_height
        drawing.add(
            String(
                label_width - 4,
                y + 2,
                str(label)[:40],
                fontName=font_name(),
                fontSize=8,
                textAnchor="end",
            )
        )
        bar = room * value / longest
        drawing.add(
            Rect(label_width, y, bar, bar_height, fillColor=_colour(index), strokeColor=None)
        )
        drawing.add(
            String(
                label_width + bar + 4,
                y + 2,
                charts._number(value),
                fontName=font_name(),
                fontSize=8,
            )
        )
    return drawing


def _colour(index):
    from reportlab.lib.colors import HexColor

    return HexColor(BAR_COLOURS[index % len(BAR_COLOURS)])


def _table(rows: list[list], *, widths=None) -> Table:
    table = Table(
        [
            [paragraph(str(cell) if cell is not None else "", "small") for cell in row]
            for row in rows
        ],
        colWidths=widths,
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font_name()),
                ("GRID", (0, 0), (-1, -1), 0.25, "#999999"),
                ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _letterhead(settings: CentreSettings, language: str) -> list:
    name = settings.name_en if language == "en" else settings.name_de
    institution = _home_university(settings, language)
    flowables = []
    if settings.logo_id:
        try:
            rendition = settings.logo.get_rendition("max-400x120")
            with rendition.file.open("rb") as logo:
                data = io.BytesIO(logo.read())
            flowables.append(
                Image(
                    data, width=rendition.width * 0.3, height=rendition.height * 0.3, hAlign="LEFT"
                )
            )
        except (OSError, ValueError):
            pass  # a missing logo file must not stop the report
    lines = [name, settings.name_zh, institution, settings.address, settings.email, settings.phone]
    flowables.append(paragraph("\n".join(line for line in lines if line), "small"))
    flowables.append(Spacer(1, 6 * mm))
    return flowables


def pdf_bytes(year: int, language: str = "de") -> bytes:
    with translation.override(language):
        stats, chart_groups, persons = report_data(year)
        settings = CentreSettings.load()
        story = _letterhead(settings, language)
        story.append(paragraph(_("Report to the funder %(year)s") % {"year": year}, "title"))
        narrative = narrative_for(year)
        text = narrative.narrative(language) if narrative else ""
        for block in (text or _("No narrative has been written for this year yet.")).split("\n\n"):
            story.append(paragraph(block.strip()))
        events = stats.events
        story.append(paragraph(_("Figures"), "heading"))
        story.append(
            _table(
                [
                    [_("Figure"), _("Number")],
                    [_("Events"), events["events"]],
                    [_("Registrations"), events["registrations"]],
                    [_("Confirmed"), events["confirmed"]],
                    [_("Attended"), events["attended"]],
                    [
                        _("No-show rate (%)"),
                        "–" if events["no_show_rate"] is None else events["no_show_rate"],
                    ],
                    [_("Mobility applications"), stats.mobility["applications"]],
                    [_("Selected"), stats.mobility["selected"]],
                    [_("Participated"), stats.mobility["participated"]],
                    [_("Advising appointments"), stats.advising["appointments"]],
                    [_("Agreements in force"), stats.partners["agreements"]],
                ],
                widths=[90 * mm, 40 * mm],
            )
        )
        for area in ("trend", "events", "mobility", "advising", "partners"):
            for chart in chart_groups[area]:
                if chart.rows:
                    story.append(
                        KeepTogether([paragraph(chart.title, "heading"), chart_drawing(chart)])
                    )
        story.append(paragraph(_("Funded persons"), "heading"))
        story.append(
            _table(
                [
                    [
                        _("Name"),
                        _("Home university"),
                        _("Programme"),
                        _("Partner"),
                        _("Accepted on"),
                        _("Funding"),
                    ]
                ]
                + [
                    [
                        person["name"],
                        _home_university(settings, language),
                        person["programme"],
                        person["partner"],
                        timezone.localdate(person["accepted_on"]).isoformat()
                        if person["accepted_on"]
                        else "",
                        format_euro(person["funding"]) if person["funding"] is not None else "",
                    ]
                    for person in persons
                ],
                widths=[32 * mm, 32 * mm, 35 * mm, 35 * mm, 22 * mm, 18 * mm],
            )
        )
        output = io.BytesIO()
        document = SimpleDocTemplate(
            output,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=15 * mm,
            bottomMargin=15 * mm,
            title=_("Report to the funder %(year)s") % {"year": year},
            author=settings.name_en if language == "en" else settings.name_de,
        )
        document.build(story)
        return output.getvalue()
