"""Turning weekly hours given in Berlin wall time into slot times stored in UTC.

Each slot starts at the advertised wall-clock time on its day, whatever the offset that
day (CET or CEST), and lasts exactly the topic's length in real time. Wall-clock times
that do not exist (the hour skipped on the last Sunday of March) are left out; in the hour
repeated on the last Sunday of October the first (summer-time) occurrence is used."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings


def berlin() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def wall_time_exists(moment: datetime) -> bool:
    """False for a local time in the gap when clocks jump forward."""
    round_trip = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)


def slot_starts(day: date, start: time, end: time, length: timedelta) -> Iterator[datetime]:
    """UTC start times of the slots between two wall-clock times on one day."""
    zone = berlin()
    wall = datetime.combine(day, start)
    last_wall = datetime.combine(day, end)
    while wall + length <= last_wall:
        local = wall.replace(tzinfo=zone, fold=0)
        if wall_time_exists(local):
            yield local.astimezone(UTC)
        wall += length


def day_bounds_utc(day: date) -> tuple[datetime, datetime]:
    """The UTC interval of one Berlin calendar day (23, 24 or 25 hours long)."""
    zone = berlin()
    start = datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    return start, end
