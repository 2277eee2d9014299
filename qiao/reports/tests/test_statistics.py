"""A known data set and the exact figure of every statistic."""

import datetime

import pytest
from django.utils import translation

from qiao.advising.enums import BookingStatus, MeetingMode
from qiao.advising.tests.factories import AdvisorFactory, BookingFactory, SlotFactory, TopicFactory
from qiao.events.enums import EventFormat, EventType
from qiao.events.models import Registration
from qiao.events.tests.factories import make_event, make_index
from qiao.mobility.enums import ApplicationStatus
from qiao.mobility.tests.factories import ApplicationFactory, CallFactory
from qiao.partners.enums import AgreementType, VisitDirection
from qiao.partners.tests.factories import (
    AgreementFactory,
    DelegationVisitFactory,
    InstitutionFactory,
)
from qiao.reports import queries
from qiao.reports.queries import Filters, Period

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
YEAR = Period.of("calendar", 2026)


def at(month, day, year=2026, hour=10):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=UTC)


def registrations(event, **statuses_and_more):
    mode = statuses_and_more.pop("mode", "on_site")
    affiliation = statuses_and_more.pop("affiliation", "student")
    rows = []
    for status, count in statuses_and_more.items():
        rows += [
            Registration(
                event=event,
                name="P",
                email=f"{status}{n}{mode}{affiliation}{event.pk}@example.org",
                affiliation=affiliation,
                participation_mode=mode,
                status=status,
            )
            for n in range(count)
        ]
    Registration.objects.bulk_create(rows)


@pytest.fixture
def events(homes):
    index = make_index(homes["de"])
    lecture = make_event(index, start=at(3, 10), end=at(3, 10, hour=12))
    registrations(lecture, attended=6, confirmed=2, cancelled=3, pending=1)
    registrations(lecture, attended=2, affiliation="partner")
    hybrid = make_event(
        index,
        start=at(6, 5),
        end=at(6, 5, hour=12),
        event_format=EventFormat.HYBRID,
        event_type=EventType.CHINA_WEEK,
        capacity_online=100,
    )
    registrations(hybrid, attended=3, mode="online", affiliation="external")
    registrations(hybrid, waitlisted=4)
    # Ahead of "now": its confirmed seats are not no-shows yet.
    future = make_event(index, start=at(12, 1), end=at(12, 1, hour=12))
    registrations(future, confirmed=5, affiliation="staff")
    # Another year.
    old_week = make_event(
        index, start=at(6, 1, 2025), end=at(6, 1, 2025, hour=12), event_type=EventType.CHINA_WEEK
    )
    registrations(old_week, attended=7)
    return lecture, hybrid, future


def test_event_figures_are_exact(events):
    figures = queries.event_figures(YEAR, now=NOW)

    assert figures == {
        "events": 3,
        "events_by_format": {"hybrid": 1, "on_site": 2},
        "events_by_type": {"china_week": 1, "lecture": 2},
        "registrations": 8 + 3 + 2 + 3 + 4 + 5,
        "confirmed": 8 + 2 + 3 + 5,
        "attended": 11,
        # 2 of the 13 seats of the two past events were not used.
        "no_show_rate": 15.4,
        "by_mode": {"on_site": 15, "online": 3},
        "by_affiliation": {"external": 3, "partner": 2, "staff": 5, "student": 8},
    }


def test_event_figures_follow_type_and_language_filters(events):
    china_week = queries.event_figures(YEAR, Filters(event_type="china_week"), now=NOW)
    english = queries.event_figures(YEAR, Filters(language="en"), now=NOW)

    assert (china_week["events"], china_week["confirmed"], english["events"]) == (1, 3, 0)


def test_china_week_per_year_counts_each_year(events):
    assert queries.china_week_per_year() == {
        2025: {"events": 1, "participants": 7},
        2026: {"events": 1, "participants": 3},
    }


@pytest.fixture
def applications(call):
    partner = InstitutionFactory(name_en="Tongji University")
    call.programme.partner = partner
    call.programme.save_revision().publish()
    other_call = CallFactory(programme=call.programme, title_de="Sommerschule")
    statuses = {
        ApplicationStatus.SUBMITTED: 3,
        ApplicationStatus.REJECTED: 2,
        ApplicationStatus.OFFERED: 1,
        ApplicationStatus.DECLINED: 1,
        ApplicationStatus.COMPLETED: 2,
    }
    for status, count in statuses.items():
        ApplicationFactory.create_batch(count, call=call, status=status, submitted_at=at(2, 1))
    ApplicationFactory(call=other_call, status=ApplicationStatus.COMPLETED, submitted_at=at(9, 1))
    ApplicationFactory(call=call, status=ApplicationStatus.DRAFT)
    ApplicationFactory(call=call, status=ApplicationStatus.COMPLETED, submitted_at=at(2, 1, 2025))
    return call, other_call, partner


def test_mobility_figures_are_exact(applications):
    call, other_call, partner = applications

    figures = queries.mobility_figures(YEAR)

    programme = call.programme
    assert (figures["applications"], figures["selected"], figures["participated"]) == (10, 5, 3)
    assert figures["by_programme"] == [
        {
            "call__programme_id": programme.pk,
            "call__programme__title": programme.title,
            "applications": 10,
            "selected": 5,
            "participated": 3,
        }
    ]
    assert figures["by_partner"] == [
        {
            "call__programme__partner_id": partner.pk,
            "call__programme__partner__name_en": "Tongji University",
            "applications": 10,
            "selected": 5,
            "participated": 3,
        }
    ]
    assert [(row["call_id"], row["applications"]) for row in figures["by_call"]] == [
        (other_call.pk, 1),
        (call.pk, 9),
    ]


def test_mobility_figures_follow_the_partner_filter(applications):
    figures = queries.mobility_figures(YEAR, Filters(partner=InstitutionFactory().pk))

    assert (figures["applications"], figures["by_programme"]) == (0, [])


def test_advising_figures_are_exact():
    visa = TopicFactory(name_de="Visum", name_en="Visa")
    funding = TopicFactory(name_de="Förderung", name_en="Funding")
    mei = AdvisorFactory(name="Mei")
    jonas = AdvisorFactory(name="Jonas")
    plan = [
        (visa, mei, at(1, 12), MeetingMode.IN_PERSON, BookingStatus.ATTENDED, "de"),
        (visa, mei, at(1, 13), MeetingMode.ONLINE, BookingStatus.NO_SHOW, "zh-hans"),
        (visa, jonas, at(2, 2), MeetingMode.ONLINE, BookingStatus.ATTENDED, "zh-hans"),
        (funding, jonas, at(2, 3), MeetingMode.IN_PERSON, BookingStatus.CONFIRMED, "en"),
        (funding, jonas, at(2, 4), MeetingMode.IN_PERSON, BookingStatus.CANCELLED, "en"),
        # 31 Dec, 23:30 UTC is already 1 January 2027 in Berlin.
        (
            funding,
            mei,
            datetime.datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
            "online",
            "attended",
            "de",
        ),
    ]
    for topic, advisor, starts_at, mode, status, language in plan:
        slot = SlotFactory(topic=topic, advisor=advisor, starts_at=starts_at, mode=mode)
        BookingFactory(slot=slot, status=status, language=language)

    figures = queries.advising_figures(YEAR)
    chinese = queries.advising_figures(YEAR, Filters(language="zh-hans"))
    with translation.override("en"):
        in_english = queries.advising_figures(YEAR)

    assert figures == {
        "appointments": 4,
        "held": 2,
        "no_show": 1,
        "by_topic": {"Förderung": 1, "Visum": 3},
        "by_advisor": {"Jonas": 2, "Mei": 2},
        "by_mode": {"in_person": 2, "online": 2},
        "by_month": {1: 2, 2: 2},
    }
    assert (chinese["appointments"], chinese["held"]) == (2, 1)
    assert in_english["by_topic"] == {"Funding": 1, "Visa": 3}


def test_partner_figures_are_exact():
    tongji = InstitutionFactory()
    AgreementFactory(
        type=AgreementType.EXCHANGE,
        valid_from=datetime.date(2020, 1, 1),
        valid_until=None,
        partners=[tongji],
    )
    AgreementFactory(
        type=AgreementType.MOU,
        valid_from=datetime.date(2024, 1, 1),
        valid_until=datetime.date(2026, 1, 31),
    )
    AgreementFactory(
        type=AgreementType.MOU,
        valid_from=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2025, 12, 31),
    )
    AgreementFactory(type=AgreementType.RESEARCH, valid_from=datetime.date(2027, 1, 1))
    DelegationVisitFactory(
        starts_on=datetime.date(2026, 5, 1),
        ends_on=datetime.date(2026, 5, 3),
        institutions=[tongji],
    )
    DelegationVisitFactory(
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2026, 9, 9),
        direction=VisitDirection.OUTGOING,
    )
    DelegationVisitFactory(starts_on=datetime.date(2025, 9, 1), ends_on=datetime.date(2025, 9, 2))

    figures = queries.partner_figures(YEAR)
    of_tongji = queries.partner_figures(YEAR, Filters(partner=tongji.pk))

    assert figures == {
        "agreements": 2,
        "agreements_by_type": {"exchange": 1, "mou": 1},
        "visits_by_direction": {"incoming": 1, "outgoing": 1},
    }
    assert of_tongji == {
        "agreements": 1,
        "agreements_by_type": {"exchange": 1},
        "visits_by_direction": {"incoming": 1},
    }


def test_periods_cover_academic_year_and_semesters():
    assert [
        (p.start, p.end, p.label)
        for p in (Period.of("academic", 2025), Period.of("winter", 2025), Period.of("summer", 2026))
    ] == [
        (datetime.date(2025, 10, 1), datetime.date(2026, 10, 1), "2025/26"),
        (datetime.date(2025, 10, 1), datetime.date(2026, 4, 1), "2025/26"),
        (datetime.date(2026, 4, 1), datetime.date(2026, 10, 1), "2026"),
    ]


def test_statistics_compare_four_years(events, applications):
    result = queries.statistics(YEAR, now=NOW)

    assert [
        (row["period"], row["events"], row["participants"], row["participated"])
        for row in result.trend
    ] == [
        ("2023", 0, 0, 0),
        ("2024", 0, 0, 0),
        ("2025", 1, 7, 1),
        ("2026", 3, 18, 3),
    ]
