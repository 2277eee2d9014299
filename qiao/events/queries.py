"""Reads of events: the index with its filters, seats left, the timetable of a series."""

import datetime
import re
from dataclasses import dataclass
from itertools import groupby
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .enums import (
    NOTIFIED_STATUSES,
    SEAT_STATUSES,
    EventFormat,
    EventLanguage,
    EventType,
    ParticipationMode,
    RegistrationMode,
    RegistrationStatus,
)
from .models import AnnouncedSchedule, CheckIn, EventPage, EventSession, Registration


@dataclass(frozen=True)
class EventFilters:
    event_type: str = ""
    event_format: str = ""
    language: str = ""

    @classmethod
    def from_query(cls, query) -> "EventFilters":
        def pick(name, choices):
            value = query.get(name, "")
            return value if value in choices.values else ""

        return cls(
            event_type=pick("type", EventType),
            event_format=pick("format", EventFormat),
            language=pick("language", EventLanguage),
        )

    @property
    def is_active(self) -> bool:
        return bool(self.event_type or self.event_format or self.language)


def events_for_index(index_page, filters: EventFilters):
    """The live events under this index (in its language), soonest first."""
    queryset = (
        EventPage.objects.live()
        .public()
        .child_of(index_page)
        .filter(locale=index_page.locale)
        .order_by("start")
    )
    if filters.event_type:
        queryset = queryset.filter(event_type=filters.event_type)
    if filters.event_format:
        queryset = queryset.filter(event_format=filters.event_format)
    if filters.language:
        queryset = queryset.filter(event_language=filters.language)
    return queryset


UPCOMING_PER_PAGE = 12
# Links per page of one archive year: a centre holds a few dozen events a year; more (a
# busy year, or the bench's 400) are paged so that the list costs the same at any volume.
ARCHIVE_PER_PAGE = 25


@dataclass(frozen=True)
class EventListing:
    """What the events page shows: one page of upcoming events, and one year of the
    archive with the list of years that have past events (so no page grows with the
    number of events)."""

    upcoming: object  # a Page of the paginator
    archive_years: list[int]
    archive_year: int | None
    past: object  # a Page of the chosen year's past events, newest first (empty: none)


def _in_year(year: int, zone) -> Q:
    """Events that begin in ``year`` as the clocks in ``zone`` count it."""
    return Q(
        start__gte=datetime.datetime(year, 1, 1, tzinfo=zone),
        start__lt=datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def archive_years(past, zone) -> list[int]:
    """The years (in ``zone``) in which the ``past`` events began, newest first: in two
    queries that compare dates in the database (truncating every date to its year calls
    back into Python once per event, a fifth of the events page at 1,500 past events)."""
    bounds = past.aggregate(first=Min("start"), last=Max("start"))
    if bounds["first"] is None:
        return []
    first, last = bounds["first"].astimezone(zone).year, bounds["last"].astimezone(zone).year
    counts = past.aggregate(
        **{f"y{year}": Count("pk", filter=_in_year(year, zone)) for year in range(first, last + 1)}
    )
    return [year for year in range(last, first - 1, -1) if counts[f"y{year}"]]


def event_listing(
    index_page, filters: EventFilters, *, page_number, year, archive_page=None, now=None
):
    now = now or timezone.now()
    events = events_for_index(index_page, filters)
    upcoming = Paginator(events.filter(end__gte=now), UPCOMING_PER_PAGE).get_page(page_number)
    past = events.filter(end__lt=now)
    berlin = ZoneInfo(settings.TIME_ZONE)
    years = archive_years(past, berlin)
    # Four ASCII digits only: int() of a 5,000-digit (or a superscript) "year" fails.
    chosen = int(year) if re.fullmatch(r"[0-9]{4}", str(year)) and int(year) in years else None
    archive_year = chosen or (years[0] if years else None)
    past_events = past.none()
    if archive_year is not None:
        past_events = past.filter(_in_year(archive_year, berlin)).order_by("-start", "pk")
    past_events = Paginator(past_events, ARCHIVE_PER_PAGE).get_page(archive_page)
    return EventListing(
        upcoming=upcoming, archive_years=years, archive_year=archive_year, past=past_events
    )


def events_for_feed(locale):
    return EventPage.objects.live().public().filter(locale=locale).order_by("start")


def seats_of(registrations) -> int:
    """Seats the registrations take: each person and their accompanying persons."""
    totals = registrations.aggregate(people=Count("pk"), companions=Sum("companions"))
    return totals["people"] + (totals["companions"] or 0)


def reserved_for_invitees(event: EventPage) -> int:
    """Seats held back for invitees that they have not taken yet (the public form cannot
    have them)."""
    source = event.source_event
    if not source.invitee_seats:
        return 0
    taken = seats_of(
        Registration.objects.filter(
            event=source,
            status__in=SEAT_STATUSES,
            invited=True,
            participation_mode=source.participation_modes[0],
        )
    )
    return max(0, source.invitee_seats - taken)


def seats_taken(event: EventPage, mode: str, *, session: EventSession | None = None) -> int:
    registrations = Registration.objects.filter(
        event=event.source_event, status__in=SEAT_STATUSES, participation_mode=mode
    )
    if session is not None:
        registrations = registrations.filter(sessions=session)
    return seats_of(registrations)


@dataclass(frozen=True)
class Availability:
    """What the event page says about registration: open or not, and seats left."""

    is_open: bool
    seats_left: int | None  # None: no limit
    is_full: bool
    by_mode: tuple = ()  # (participation label, seats left or None) for hybrid events

    @property
    def label_key(self) -> str:
        if not self.is_open:
            return "closed"
        if self.is_full:
            return "waitlist"
        if self.seats_left is None:
            return "open"
        return "seats"


def availability(event: EventPage, now=None) -> Availability:
    """Seats left over every participation mode; sessions count when chosen one by one."""
    source = event.source_event
    is_open = source.is_registration_open(now)
    counts = dict(
        Registration.objects.filter(event=source, status__in=SEAT_STATUSES)
        .values_list("participation_mode")
        .annotate(taken=Count("pk") + Sum("companions"))
    )
    left_values = []
    reserved = reserved_for_invitees(source)
    for mode in source.participation_modes:
        capacity = source.capacity_for(mode)
        if capacity is not None:
            if mode == source.participation_modes[0]:
                capacity -= reserved
            left_values.append(max(0, capacity - counts.get(mode, 0)))
        else:
            left_values.append(None)
    by_mode = ()
    if len(left_values) > 1 and source.registration_mode == RegistrationMode.WHOLE_SERIES:
        by_mode = tuple(
            (ParticipationMode(mode).label, left)
            for mode, left in zip(source.participation_modes, left_values, strict=True)
        )
    if source.registration_mode == RegistrationMode.SESSIONS:
        for session in session_availability(source):
            left_values.extend(session["left"].values())
    if any(value is None for value in left_values) or not left_values:
        seats_left = None
        is_full = False
    else:
        seats_left = sum(left_values)
        is_full = seats_left == 0
    return Availability(is_open=is_open, seats_left=seats_left, is_full=is_full, by_mode=by_mode)


def session_availability(event: EventPage) -> list[dict]:
    """Each session with the seats left per participation mode (None: no limit)."""
    sessions = list(
        event.sessions.annotate(
            **{
                f"taken_{mode}": Coalesce(
                    Sum(
                        F("registrations__companions") + 1,
                        filter=Q(
                            registrations__status__in=SEAT_STATUSES,
                            registrations__participation_mode=mode,
                        ),
                    ),
                    0,
                )
                for mode in event.participation_modes
            }
        )
    )
    result = []
    for session in sessions:
        left = {}
        for mode in event.participation_modes:
            capacity = session.capacity_for(mode)
            taken = getattr(session, f"taken_{mode}")
            left[mode] = None if capacity is None else max(0, capacity - taken)
        result.append({"session": session, "left": left})
    return result


def timetable(event: EventPage) -> list[tuple]:
    """The sessions of a series, day by day in Berlin time: [(date, [session, ...]), ...]."""
    berlin = ZoneInfo(settings.TIME_ZONE)
    sessions = list(event.sessions.all())
    return [
        (day, list(items))
        for day, items in groupby(
            sessions, key=lambda s: timezone.localtime(s.start, berlin).date()
        )
    ]


def registrations_for_admin(event: EventPage, *, status: str = "", mode: str = "", query=""):
    registrations = (
        Registration.objects.filter(event=event.source_event)
        .prefetch_related("sessions")
        .order_by("created_at", "pk")
    )
    if status in RegistrationStatus.values:
        registrations = registrations.filter(status=status)
    if mode:
        registrations = registrations.filter(participation_mode=mode)
    if query:
        registrations = registrations.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return registrations


def attendance_numbers(event: EventPage) -> dict:
    """Registrations per status and participation mode, for the back office and reports."""
    rows = (
        Registration.objects.filter(event=event.source_event)
        .values_list("status", "participation_mode")
        .annotate(number=Count("pk"))
    )
    numbers = {status: 0 for status in RegistrationStatus.values}
    by_mode = {}
    for status, mode, number in rows:
        numbers[status] += number
        by_mode[(status, mode)] = number
    seats = seats_of(
        Registration.objects.filter(event=event.source_event, status__in=SEAT_STATUSES)
    )
    return {"by_status": numbers, "by_status_and_mode": by_mode, "seats_taken": seats}


def source_events():
    """Every event once (its source language version), newest first, for the back office."""
    first_versions = (
        EventPage.objects.values("translation_key").annotate(first=Min("pk")).values("first")
    )
    return EventPage.objects.filter(pk__in=first_versions).order_by("-start", "pk")


# --- audiences of e-mails -------------------------------------------------------------


def schedule_notice_audience(event: EventPage):
    """Who is told when the event's time or place changes."""
    return Registration.objects.filter(
        event=event.source_event, status__in=NOTIFIED_STATUSES
    ).order_by("pk")


def schedule_differs_from_announced(event: EventPage, schedule: dict) -> bool:
    """Whether ``schedule`` (start, end, place, address) differs from what participants
    were last told. Nothing was told before the first publication."""
    announced = AnnouncedSchedule.objects.filter(event=event.source_event).first()
    if announced is None:
        return False
    return any(getattr(announced, key) != value for key, value in schedule.items())


def session_notice_audience(session: EventSession):
    return session.registrations.filter(status__in=NOTIFIED_STATUSES).order_by("pk")


def message_audience(event: EventPage, *, statuses, sessions=()):
    """The registrations a coordinator's message goes to: any of ``statuses``, and, if
    sessions are given, registered for at least one of them."""
    registrations = Registration.objects.filter(event=event.source_event, status__in=list(statuses))
    if sessions:
        registrations = registrations.filter(
            pk__in=Registration.objects.filter(sessions__in=list(sessions)).values("pk")
        )
    return registrations.order_by("pk")


def waitlist_positions(event: EventPage) -> dict[int, int]:
    """Registration id -> place on the waitlist (1 is next), in the order seats are given."""
    waiting = (
        Registration.objects.filter(event=event.source_event, status=RegistrationStatus.WAITLISTED)
        .order_by("waitlisted_at", "pk")
        .values_list("pk", flat=True)
    )
    return {pk: place for place, pk in enumerate(waiting, start=1)}


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return waitlist_positions(registration.event).get(registration.pk)


# --- sessions and check-in ------------------------------------------------------------


def session_numbers(event: EventPage) -> list[dict]:
    """Per session: seats held and check-ins, on site and online apart."""
    modes = (ParticipationMode.ON_SITE, ParticipationMode.ONLINE)
    annotations = {}
    for mode in modes:
        annotations[f"present_{mode}"] = Count(
            "check_ins", filter=Q(check_ins__participation_mode=mode), distinct=True
        )
    sessions = event.source_event.sessions.annotate(**annotations)
    # Seats with accompanying persons, counted apart (the check-in join would repeat rows).
    seats = {
        (session_id, mode): people + companions
        for session_id, mode, people, companions in Registration.objects.filter(
            event=event.source_event, status__in=SEAT_STATUSES
        )
        .values_list("sessions", "participation_mode")
        .annotate(people=Count("pk"), companions=Sum("companions"))
    }
    return [
        {
            "session": session,
            "seats": {mode: seats.get((session.pk, mode), 0) for mode in modes},
            "present": {mode: getattr(session, f"present_{mode}") for mode in modes},
        }
        for session in sessions
    ]


def session_participants(event: EventPage, session: EventSession | None, *, mode: str = ""):
    """Registrations holding a seat (for the session, if given), by name, each with its
    check-in for that session (``session_check_in``, or None)."""
    registrations = Registration.objects.filter(event=event.source_event, status__in=SEAT_STATUSES)
    if session is not None and event.source_event.registration_mode == RegistrationMode.SESSIONS:
        registrations = registrations.filter(sessions=session)
    if mode:
        registrations = registrations.filter(participation_mode=mode)
    registrations = list(registrations.order_by("name", "pk"))
    check_ins = {
        check_in.registration_id: check_in
        for check_in in CheckIn.objects.filter(
            registration__in=registrations, session=session
        ).select_related("checked_in_by")
    }
    for registration in registrations:
        registration.session_check_in = check_ins.get(registration.pk)
    return registrations


def find_for_check_in(event: EventPage, query: str):
    return (
        Registration.objects.filter(event=event.source_event, name__icontains=query)
        .exclude(status=RegistrationStatus.CANCELLED)
        .order_by("name", "pk")[:20]
    )


def survey_results(event: EventPage) -> dict:
    """The survey's answers: count, average, how many gave each rating, the comments
    (with the name only if the survey is not anonymous)."""
    from .models import SurveyResponse

    source = event.source_event
    responses = list(SurveyResponse.objects.filter(event=source).select_related("registration"))
    count = len(responses)
    distribution = {rating: 0 for rating in range(1, 6)}
    for response in responses:
        distribution[response.rating] += 1
    return {
        "count": count,
        "average": round(sum(r.rating for r in responses) / count, 2) if count else None,
        "distribution": [
            {
                "rating": rating,
                "number": number,
                "percent": round(100 * number / count) if count else 0,
            }
            for rating, number in distribution.items()
        ],
        "comments": [
            {
                "rating": response.rating,
                "text": response.comment,
                "name": ""
                if source.survey_anonymous or response.registration is None
                else response.registration.name,
                "language": response.language,
            }
            for response in responses
            if response.comment
        ],
        "anonymous": source.survey_anonymous,
        "invited": Registration.objects.filter(event=source, survey_sent_at__isnull=False).count(),
    }
