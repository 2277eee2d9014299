"""Calendar files (iCalendar, RFC 5545) for one event, a registration and the feed.

Times are written in Europe/Berlin with a TZID and the matching VTIMEZONE, so calendar
clients show the right local time on both sides of a daylight saving change.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from .models import EventPage, Registration

PRODUCT_ID = "-//Qiao//Events//EN"


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.EVENTS_LINK_BASE_URL.rstrip("/") + path


def event_in_language(event: EventPage, language_code: str) -> EventPage:
    """The event's version in a language, else its source version."""
    source = event.source_event
    locale = Locale.objects.filter(language_code=language_code).first()
    translated = source.get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live:
        return translated
    return source


def _berlin(value):
    return timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))


def _location(place: str, address: str) -> str:
    return ", ".join(part for part in (place, " ".join(address.split())) if part)


def _vevent(*, uid, summary, start, end, location, description, url, sequence=0):
    vevent = icalendar.Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", timezone.now())
    vevent.add("summary", summary)
    vevent.add("dtstart", _berlin(start))
    vevent.add("dtend", _berlin(end))
    if location:
        vevent.add("location", location)
    if description:
        vevent.add("description", description)
    if url:
        vevent.add("url", url)
    vevent.add("sequence", sequence)
    return vevent


def _event_component(page: EventPage):
    source = page.source_event
    url = absolute_url(page.get_url() or "")
    return _vevent(
        uid=f"event-{source.pk}@qiao",
        summary=page.title,
        start=page.start,
        end=page.end,
        location=_location(page.place, page.address),
        description="\n\n".join(part for part in (page.teaser, url) if part),
        url=url,
    )


def _calendar(name: str = "") -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _finish(calendar: icalendar.Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_calendar(page: EventPage) -> bytes:
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    calendar.add_component(_event_component(page))
    return _finish(calendar)


def feed_calendar(pages, *, name: str) -> bytes:
    calendar = _calendar(name)
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for page in pages:
        calendar.add_component(_event_component(page))
    return _finish(calendar)


def registration_calendar(registration: Registration) -> bytes:
    """The participant's calendar: the event, or the sessions they chose."""
    page = event_in_language(registration.event, registration.language)
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    sessions = list(registration.sessions.all())
    if not sessions:
        calendar.add_component(_event_component(page))
    for session in sessions:
        calendar.add_component(
            _vevent(
                uid=f"session-{session.pk}@qiao",
                summary=f"{page.title}: {session.title}",
                start=session.start,
                end=session.end,
                location=_location(session.place or page.place, page.address),
                description=absolute_url(page.get_url() or ""),
                url=absolute_url(page.get_url() or ""),
            )
        )
    return _finish(calendar)
