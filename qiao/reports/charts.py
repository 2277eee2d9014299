"""Charts of the statistics: the figures as rows, drawn as accessible SVG on the server.

Each chart is a horizontal bar chart (labels of any length and script read well left of
the bars) with role="img", a <title> and a <desc> naming every figure; the page shows
the same rows as a table beside it. No inline style and no script: colours come from
classes in reports/statistics.css, so the admin's strict CSP holds."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qiao.advising.enums import MeetingMode
from qiao.events.enums import Affiliation, EventFormat, ParticipationMode
from qiao.partners.enums import AgreementType, VisitDirection

from .queries import Statistics

WIDTH = 640
LABEL_WIDTH = 240
ROW_HEIGHT = 26
BAR_HEIGHT = 16
VALUE_GAP = 6
VALUE_WIDTH = 60
# Longer labels are shortened in the drawing; the table and the description keep them whole.
LABEL_CHARACTERS = 34


@dataclass
class Chart:
    slug: str
    title: str
    rows: list[tuple[str, float]]
    unit: str = ""

    @property
    def description(self) -> str:
        if not self.rows:
            return _("No figures in this period.")
        return "; ".join(f"{label}: {_number(value)}" for label, value in self.rows)

    @property
    def total(self) -> float:
        return sum(value for _label, value in self.rows)

    def svg(self) -> SafeString:
        return bar_chart_svg(self)


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def bar_chart_svg(chart: Chart) -> SafeString:
    height = max(len(chart.rows), 1) * ROW_HEIGHT + 8
    longest = max((value for _label, value in chart.rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = format_html_join(
        "",
        '<text class="qiao-chart__label" x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect class="qiao-chart__bar qiao-chart__bar--{}" x="{}" y="{}" width="{}" height="{}"/>'
        '<text class="qiao-chart__value" x="{}" y="{}">{}</text>',
        (
            (
                LABEL_WIDTH - VALUE_GAP,
                index * ROW_HEIGHT + 4 + BAR_HEIGHT - 3,
                _short(label),
                index % 6,
                LABEL_WIDTH,
                index * ROW_HEIGHT + 4,
                round(room * value / longest, 1),
                BAR_HEIGHT,
                LABEL_WIDTH + round(room * value / longest, 1) + VALUE_GAP,
                index * ROW_HEIGHT + 4 + BAR_HEIGHT - 3,
                _number(value),
            )
            for index, (label, value) in enumerate(chart.rows)
        ),
    )
    return format_html(
        '<svg class="qiao-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'role="img" aria-labelledby="chart-{}-title chart-{}-desc">'
        '<title id="chart-{}-title">{}</title><desc id="chart-{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart.slug,
        chart.slug,
        chart.slug,
        chart.title,
        chart.slug,
        chart.description,
        bars,
    )


def _labelled(counts: dict, choices) -> list[tuple[str, int]]:
    labels = dict(choices)
    return [(str(labels.get(key, key)), value) for key, value in counts.items()]


TREND_TITLES = {
    "events": gettext_lazy("Events per year"),
    "participants": gettext_lazy("Event participants per year"),
    "applications": gettext_lazy("Mobility applications per year"),
    "participated": gettext_lazy("Completed stays abroad per year"),
    "appointments": gettext_lazy("Advising appointments per year"),
    "visits": gettext_lazy("Delegation visits per year"),
}


def trend_charts(stats: Statistics) -> list[Chart]:
    return [
        Chart(f"trend-{key}", str(title), [(row["period"], row[key]) for row in stats.trend])
        for key, title in TREND_TITLES.items()
    ]


def charts_for(stats: Statistics) -> dict[str, list[Chart]]:
    """The charts of each area, in the order the page and the report show them."""
    events, mobility, advising, partners = (
        stats.events,
        stats.mobility,
        stats.advising,
        stats.partners,
    )
    return {
        "events": [
            Chart(
                "event-formats",
                _("Events on site, online and hybrid"),
                _labelled(events["events_by_format"], EventFormat.choices),
            ),
            Chart(
                "event-modes",
                _("Participants on site and online"),
                _labelled(events["by_mode"], ParticipationMode.choices),
            ),
            Chart(
                "event-affiliations",
                _("Participants by affiliation"),
                _labelled(events["by_affiliation"], Affiliation.choices),
            ),
            Chart(
                "china-week",
                _("China Week participants per year"),
                [(str(year), row["participants"]) for year, row in stats.china_week.items()],
            ),
        ],
        "mobility": [
            Chart(
                "mobility-programmes",
                _("Applications per programme"),
                [
                    (row["call__programme__title"], row["applications"])
                    for row in mobility["by_programme"]
                ],
            ),
            Chart(
                "mobility-outcome",
                _("Applications, selected, participated"),
                [
                    (_("Applications"), mobility["applications"]),
                    (_("Selected"), mobility["selected"]),
                    (_("Participated"), mobility["participated"]),
                ],
            ),
        ],
        "advising": [
            Chart(
                "advising-topics",
                _("Appointments per topic"),
                list(advising["by_topic"].items()),
            ),
            Chart(
                "advising-modes",
                _("Appointments online and in person"),
                _labelled(advising["by_mode"], MeetingMode.choices),
            ),
        ],
        "partners": [
            Chart(
                "agreement-types",
                _("Agreements in force by type"),
                _labelled(partners["agreements_by_type"], AgreementType.choices),
            ),
            Chart(
                "visit-directions",
                _("Delegation visits"),
                _labelled(partners["visits_by_direction"], VisitDirection.choices),
            ),
            Chart(
                "incoming-partners",
                _("Incoming group participants per partner"),
                list(stats.incoming["by_partner"].items()),
            ),
        ],
        "trend": trend_charts(stats),
    }
