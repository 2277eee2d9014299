"""Every figure of the statistics, the funder report and the public "year in figures".

Each function is a handful of aggregate queries (no loop over rows in Python), so that a
year at 50,000 registrations and 20,000 applications is counted in well under a second.
Periods are Berlin calendar days; an event, appointment or visit belongs to the period it
starts in, an application to the period it was submitted in."""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Min, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from qiao.advising.enums import BookingStatus
from qiao.advising.models import Booking
from qiao.events.enums import SEAT_STATUSES, EventType, RegistrationStatus
from qiao.events.models import EventPage, Registration
from qiao.incoming.models import Participant as IncomingParticipant
from qiao.mobility.enums import ApplicationStatus, Direction, GrantStatus
from qiao.mobility.models import Application, person_name
from qiao.partners.models import Agreement, DelegationVisit


class PeriodKind:
    CALENDAR = "calendar"
    ACADEMIC = "academic"
    WINTER = "winter"
    SUMMER = "summer"
    CHOICES = [
        (CALENDAR, _("Calendar year")),
        (ACADEMIC, _("Academic year (October to September)")),
        (WINTER, _("Winter semester (October to March)")),
        (SUMMER, _("Summer semester (April to September)")),
    ]


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    start: date  # first day
    end: date  # the day after the last

    @classmethod
    def of(cls, kind: str, year: int) -> "Period":
        if kind == PeriodKind.ACADEMIC:
            return cls(kind, year, date(year, 10, 1), date(year + 1, 10, 1))
        if kind == PeriodKind.WINTER:
            return cls(kind, year, date(year, 10, 1), date(year + 1, 4, 1))
        if kind == PeriodKind.SUMMER:
            return cls(kind, year, date(year, 4, 1), date(year, 10, 1))
        return cls(PeriodKind.CALENDAR, year, date(year, 1, 1), date(year + 1, 1, 1))

    @property
    def label(self) -> str:
        if self.kind in (PeriodKind.ACADEMIC, PeriodKind.WINTER):
            return f"{self.year}/{(self.year + 1) % 100:02d}"
        return str(self.year)

    def shifted(self, years: int) -> "Period":
        return Period.of(self.kind, self.year + years)

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as an interval of aware datetimes (Berlin midnight to midnight)."""
        zone = ZoneInfo(settings.TIME_ZONE)
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end, time.min, tzinfo=zone),
        )


@dataclass(frozen=True)
class Filters:
    programme: int | None = None  # a ProgrammePage's pk: mobility
    partner: int | None = None  # an Institution's pk: mobility, agreements, visits
    event_type: str = ""  # events
    language: str = ""  # events (their language) and advising (the booking's language)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _counts(queryset, key: str) -> dict:
    """{value of ``key``: number of rows}, in one GROUP BY query."""
    return {
        row[key]: row["n"]
        for row in queryset.values(key).annotate(n=Count("pk")).order_by(key)
        if row[key] is not None
    }


# --- events -------------------------------------------------------------------------


def source_events_in(period: Period, filters: Filters = Filters()):
    """Each event once (its source language version) that starts in the period."""
    first_versions = (
        EventPage.objects.values("translation_key").annotate(first=Min("pk")).values("first")
    )
    start, end = period.bounds()
    events = EventPage.objects.filter(pk__in=first_versions, start__gte=start, start__lt=end)
    if filters.event_type:
        events = events.filter(event_type=filters.event_type)
    if filters.language:
        events = events.filter(event_language=filters.language)
    return events


def event_figures(period: Period, filters: Filters = Filters(), *, now=None) -> dict:
    """Events, registrations (every one confirmed by e-mail), seats taken (confirmed or
    attended), attended, and the no-show rate of the events already over (seats taken but
    not checked in)."""
    from django.utils import timezone

    now = now or timezone.now()
    events = source_events_in(period, filters)
    registrations = Registration.objects.filter(event__in=events)
    seats = registrations.filter(status__in=SEAT_STATUSES)
    totals = registrations.aggregate(
        registrations=Count("pk", filter=~Q(status=RegistrationStatus.PENDING)),
        confirmed=Count("pk", filter=Q(status__in=SEAT_STATUSES)),
        attended=Count("pk", filter=Q(status=RegistrationStatus.ATTENDED)),
        past_seats=Count("pk", filter=Q(status__in=SEAT_STATUSES, event__end__lt=now)),
        no_shows=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED, event__end__lt=now)),
    )
    return {
        "events": events.count(),
        "events_by_format": _counts(events, "event_format"),
        "events_by_type": _counts(events, "event_type"),
        "registrations": totals["registrations"],
        "confirmed": totals["confirmed"],
        "attended": totals["attended"],
        "no_show_rate": _percent(totals["no_shows"], totals["past_seats"]),
        "by_mode": _counts(seats, "participation_mode"),
        "by_affiliation": _counts(seats, "affiliation"),
    }


def china_week_per_year() -> dict[int, dict]:
    """{year: {"events": n, "participants": seats taken}} of every China Week so far."""
    first_versions = (
        EventPage.objects.values("translation_key").annotate(first=Min("pk")).values("first")
    )
    weeks = EventPage.objects.filter(pk__in=first_versions, event_type=EventType.CHINA_WEEK)
    rows = (
        weeks.annotate(year=ExtractYear("start"))
        .values("year")
        .annotate(
            events=Count("pk", distinct=True),
            participants=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES)),
        )
        .order_by("year")
    )
    return {
        row["year"]: {"events": row["events"], "participants": row["participants"]} for row in rows
    }


# --- outgoing mobility ----------------------------------------------------------------

SELECTED = (
    ApplicationStatus.OFFERED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.DECLINED,
    ApplicationStatus.COMPLETED,
)
PARTICIPATED = (ApplicationStatus.COMPLETED,)


def applications_in(period: Period, filters: Filters = Filters()):
    """Submitted applications to outgoing programmes, by the day they were submitted."""
    start, end = period.bounds()
    applications = Application.objects.filter(
        submitted_at__gte=start,
        submitted_at__lt=end,
        call__programme__direction=Direction.OUTGOING,
    )
    if filters.programme:
        applications = applications.filter(call__programme_id=filters.programme)
    if filters.partner:
        applications = applications.filter(call__programme__partner_id=filters.partner)
    return applications


def _mobility_counts() -> dict:
    return {
        "applications": Count("pk"),
        "selected": Count("pk", filter=Q(status__in=SELECTED)),
        "participated": Count("pk", filter=Q(status__in=PARTICIPATED)),
    }


def mobility_figures(period: Period, filters: Filters = Filters()) -> dict:
    """Applications, selected (offered a place), participated (stay completed); in all, and
    per programme, partner and call."""
    applications = applications_in(period, filters)
    counts = _mobility_counts()

    def grouped(*keys):
        return [
            {**row}
            for row in applications.values(*keys).annotate(**counts).order_by(keys[-1], keys[0])
        ]

    return {
        **applications.aggregate(**counts),
        "by_programme": grouped("call__programme_id", "call__programme__title"),
        "by_partner": grouped("call__programme__partner_id", "call__programme__partner__name_en"),
        "by_call": grouped("call_id", "call__title_de"),
    }


# --- advising -------------------------------------------------------------------------

APPOINTMENT_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)


def appointments_in(period: Period, filters: Filters = Filters()):
    """Appointments (bookings confirmed, held or missed) of slots in the period."""
    start, end = period.bounds()
    bookings = Booking.objects.filter(
        status__in=APPOINTMENT_STATUSES, slot__starts_at__gte=start, slot__starts_at__lt=end
    )
    if filters.language:
        bookings = bookings.filter(language=filters.language)
    return bookings


def _topic_name_field() -> str:
    """Topics keep their name in three columns: the one of the active language."""
    from django.utils.translation import get_language

    return {"de": "name_de", "zh-hans": "name_zh"}.get(get_language() or "", "name_en")


def advising_figures(period: Period, filters: Filters = Filters()) -> dict:
    bookings = appointments_in(period, filters)
    zone = ZoneInfo(settings.TIME_ZONE)
    totals = bookings.aggregate(
        appointments=Count("pk"),
        held=Count("pk", filter=Q(status=BookingStatus.ATTENDED)),
        no_show=Count("pk", filter=Q(status=BookingStatus.NO_SHOW)),
    )
    by_month = {
        row["month"]: row["n"]
        for row in bookings.annotate(month=ExtractMonth("slot__starts_at", tzinfo=zone))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    }
    return {
        **totals,
        "by_topic": _counts(bookings, f"slot__topic__{_topic_name_field()}"),
        "by_advisor": _counts(bookings, "slot__advisor__name"),
        "by_mode": _counts(bookings, "slot__mode"),
        "by_month": by_month,
    }


# --- partners -------------------------------------------------------------------------


def partner_figures(period: Period, filters: Filters = Filters()) -> dict:
    """Agreements in force at some time in the period, by type; delegation visits that
    started in the period, by direction."""
    agreements = Agreement.objects.filter(valid_from__lt=period.end).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=period.start)
    )
    visits = DelegationVisit.objects.filter(starts_on__gte=period.start, starts_on__lt=period.end)
    if filters.partner:
        agreements = agreements.filter(partners=filters.partner)
        visits = visits.filter(institutions=filters.partner)
    return {
        "agreements": agreements.count(),
        "agreements_by_type": _counts(agreements, "type"),
        "visits_by_direction": _counts(visits, "direction"),
    }


def incoming_figures(period: Period, filters: Filters = Filters()) -> dict:
    """Participants of incoming groups that started in the period, per partner (by its
    English name) and per type of group; erased participants still count."""
    participants = IncomingParticipant.objects.filter(
        cohort__starts_on__gte=period.start, cohort__starts_on__lt=period.end
    )
    if filters.partner:
        participants = participants.filter(cohort__partner=filters.partner)
    return {
        "participants": participants.count(),
        "by_partner": _counts(participants, "cohort__partner__name_en"),
        "by_type": _counts(participants, "cohort__type"),
    }


# --- everything at once -----------------------------------------------------------------

YEARS_COMPARED = 4


@dataclass
class Statistics:
    period: Period
    filters: Filters
    events: dict = field(default_factory=dict)
    china_week: dict = field(default_factory=dict)
    mobility: dict = field(default_factory=dict)
    advising: dict = field(default_factory=dict)
    partners: dict = field(default_factory=dict)
    incoming: dict = field(default_factory=dict)
    trend: list = field(default_factory=list)


def headline(period: Period, filters: Filters = Filters()) -> dict:
    """The few figures compared year over year (and shown in the public block)."""
    registrations = Registration.objects.filter(event__in=source_events_in(period, filters))
    return {
        "period": period.label,
        "events": source_events_in(period, filters).count(),
        "participants": registrations.filter(status__in=SEAT_STATUSES).count(),
        "applications": applications_in(period, filters).count(),
        "participated": applications_in(period, filters).filter(status__in=PARTICIPATED).count(),
        "appointments": appointments_in(period, filters).count(),
        "visits": DelegationVisit.objects.filter(
            starts_on__gte=period.start, starts_on__lt=period.end
        ).count(),
    }


def statistics(period: Period, filters: Filters = Filters(), *, now=None) -> Statistics:
    """The one function behind the statistics page and the funder report."""
    return Statistics(
        period=period,
        filters=filters,
        events=event_figures(period, filters, now=now),
        china_week=china_week_per_year(),
        mobility=mobility_figures(period, filters),
        advising=advising_figures(period, filters),
        partners=partner_figures(period, filters),
        incoming=incoming_figures(period, filters),
        trend=[
            headline(period.shifted(-years), filters) for years in range(YEARS_COMPARED - 1, -1, -1)
        ],
    )


# --- the funder's list of funded persons ------------------------------------------------

FUNDED = (ApplicationStatus.ACCEPTED, ApplicationStatus.COMPLETED)


def funded_persons(year: int) -> list[dict]:
    """Each person who took up a place in an outgoing programme whose call closed in
    ``year``: only the fields the funder asks for, one query. ``accepted_on`` is the day
    the place was accepted (the stay's own dates are not recorded yet)."""
    from django.db.models import OuterRef, Subquery

    from qiao.mobility.models import StatusChange

    period = Period.of(PeriodKind.CALENDAR, year)
    start, end = period.bounds()
    accepted_on = (
        StatusChange.objects.filter(
            application=OuterRef("pk"), to_status=ApplicationStatus.ACCEPTED
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )
    rows = (
        Application.objects.filter(
            status__in=FUNDED,
            call__closes_at__gte=start,
            call__closes_at__lt=end,
            call__programme__direction=Direction.OUTGOING,
        )
        .annotate(accepted_on=Subquery(accepted_on))
        .order_by("call__programme__title", "last_name", "first_name", "pk")
        .values(
            "pk",
            "first_name",
            "last_name",
            "status",
            "accepted_on",
            "call__title_de",
            "call__programme__title",
            "call__programme__partner__name_en",
            "call__programme__partner_name",
            "call__funding_source",
            "grant__status",
            "grant__amount",
        )
    )
    return [
        {
            "name": person_name(row["first_name"], row["last_name"]),
            "programme": row["call__programme__title"],
            "partner": row["call__programme__partner__name_en"]
            or row["call__programme__partner_name"],
            "call": row["call__title_de"],
            "status": row["status"],
            "accepted_on": row["accepted_on"],
            # The grant's total where one was accepted (paid or reclaimed later), and the
            # call's funding source; empty for people without a grant.
            "funding": row["grant__amount"] if row["grant__status"] in GRANTED else None,
            "funding_source": row["call__funding_source"]
            if row["grant__status"] in GRANTED
            else "",
        }
        for row in rows
    ]


GRANTED = (GrantStatus.ACCEPTED, GrantStatus.PAID, GrantStatus.RECLAIMED)


# --- the public "year in figures" -------------------------------------------------------

MIN_GROUP = 5
PUBLIC_FIGURES = [
    # (key, counts people: hidden below MIN_GROUP)
    ("events", False),
    ("participants", True),
    ("participated", True),
    ("appointments", True),
    ("visits", False),
]


def public_figures(year: int) -> list[tuple[str, int | None]]:
    """The year's headline figures for the public site: a count of people below
    MIN_GROUP is replaced by None (shown as "fewer than 5"), so nobody can be singled out."""
    figures = headline(Period.of(PeriodKind.CALENDAR, year))
    return [
        (key, None if is_people and figures[key] < MIN_GROUP else figures[key])
        for key, is_people in PUBLIC_FIGURES
    ]
