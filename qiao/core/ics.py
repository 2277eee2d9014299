"""Calendar files (iCalendar, RFC 5545), one builder for every app (events, appointments,
interviews).

Times are written in Europe/Berlin with a TZID and the matching VTIMEZONE, so calendar
programs show the right local time on both sides of a daylight saving change.
"""

from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

PRODUCT_ID = "-//Qiao//China Competence Centre//EN"


def _berlin(value):
    return timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))


def vevent(*, uid, summary, start, end, location="", description="", url="", sequence=0):
    """One VEVENT; ``uid`` must stay the same for the same thing across files."""
    component = icalendar.Event()
    component.add("uid", uid)
    component.add("dtstamp", timezone.now())
    component.add("summary", summary)
    component.add("dtstart", _berlin(start))
    component.add("dtend", _berlin(end))
    if location:
        component.add("location", location)
    if description:
        component.add("description", description)
    if url:
        component.add("url", url)
    component.add("sequence", sequence)
    return component


def new_calendar(name: str = "", *, method: str = "PUBLISH") -> icalendar.Calendar:
    """An empty calendar; a ``name`` makes it a subscribable calendar (feeds)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def to_bytes(calendar: icalendar.Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def single_event_file(**event) -> bytes:
    """A calendar file holding one event (the keyword arguments of ``vevent``)."""
    calendar = new_calendar()
    calendar.add_component(vevent(**event))
    return to_bytes(calendar)
