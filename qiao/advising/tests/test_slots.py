import datetime

import pytest

from qiao.advising.models import BlockedDay, Slot
from qiao.advising.services import generate_slots
from qiao.advising.slotting import slot_starts

from .factories import RuleFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def _starts(rule):
    return list(
        Slot.objects.filter(rule=rule).order_by("starts_at").values_list("starts_at", flat=True)
    )


def test_generate_slots_keeps_wall_time_across_spring_change():
    # Clocks go forward on Sunday 28 March 2027: Monday 10:00 is 09:00 UTC before, 08:00 after.
    rule = RuleFactory(weekday=0, start_time=datetime.time(10), end_time=datetime.time(11))

    created = generate_slots(start=datetime.date(2027, 3, 22), end=datetime.date(2027, 3, 29))

    assert created == 4
    assert _starts(rule) == [
        utc(2027, 3, 22, 9, 0),
        utc(2027, 3, 22, 9, 30),
        utc(2027, 3, 29, 8, 0),
        utc(2027, 3, 29, 8, 30),
    ]


def test_generate_slots_keeps_wall_time_across_autumn_change():
    # Clocks go back on Sunday 31 October 2027: Monday 10:00 is 08:00 UTC before, 09:00 after.
    rule = RuleFactory(weekday=0, start_time=datetime.time(10), end_time=datetime.time(10, 30))

    generate_slots(start=datetime.date(2027, 10, 25), end=datetime.date(2027, 11, 1))

    assert _starts(rule) == [utc(2027, 10, 25, 8, 0), utc(2027, 11, 1, 9, 0)]
    assert [s.ends_at - s.starts_at for s in Slot.objects.all()] == [
        datetime.timedelta(minutes=30)
    ] * 2


def test_slot_starts_skip_the_missing_hour_on_the_spring_sunday():
    starts = list(
        slot_starts(
            datetime.date(2027, 3, 28),
            datetime.time(1),
            datetime.time(4),
            datetime.timedelta(hours=1),
        )
    )

    # 01:00 CET, (02:00 does not exist), 03:00 CEST
    assert starts == [utc(2027, 3, 28, 0, 0), utc(2027, 3, 28, 1, 0)]


def test_slot_starts_use_summer_time_in_the_repeated_autumn_hour():
    starts = list(
        slot_starts(
            datetime.date(2027, 10, 31),
            datetime.time(1),
            datetime.time(4),
            datetime.timedelta(hours=1),
        )
    )

    # 01:00 CEST, 02:00 CEST (first of the two), 03:00 CET: no two slots overlap
    assert starts == [utc(2027, 10, 30, 23, 0), utc(2027, 10, 31, 0, 0), utc(2027, 10, 31, 2, 0)]


def test_generate_slots_twice_creates_nothing_new():
    RuleFactory(weekday=2)
    first = generate_slots(start=datetime.date(2026, 12, 1), end=datetime.date(2026, 12, 7))

    second = generate_slots(start=datetime.date(2026, 12, 1), end=datetime.date(2026, 12, 7))

    assert (first, second) == (4, 0)


def test_generate_slots_leaves_out_blocked_days():
    rule = RuleFactory(weekday=3)  # Thursdays
    BlockedDay.objects.create(date=datetime.date(2026, 12, 24), reason="Christmas Eve")
    BlockedDay.objects.create(date=datetime.date(2026, 12, 17), advisor=rule.advisor)
    other = RuleFactory(weekday=3, topic=rule.topic)

    generate_slots(start=datetime.date(2026, 12, 14), end=datetime.date(2026, 12, 31))

    days = lambda r: sorted({s.date() for s in _starts(r)})  # noqa: E731
    assert days(rule) == [datetime.date(2026, 12, 31)]
    assert days(other) == [datetime.date(2026, 12, 17), datetime.date(2026, 12, 31)]


def test_generate_slots_respects_the_rule_period():
    rule = RuleFactory(
        weekday=0, valid_from=datetime.date(2026, 12, 7), valid_until=datetime.date(2026, 12, 14)
    )

    generate_slots(start=datetime.date(2026, 11, 30), end=datetime.date(2026, 12, 31))

    assert sorted({s.date() for s in _starts(rule)}) == [
        datetime.date(2026, 12, 7),
        datetime.date(2026, 12, 14),
    ]
