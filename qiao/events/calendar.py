"""Calendar files (iCalendar, RFC 5545) for one event, a registration and the feed.

Built with qiao.core.ics (times in Europe/Berlin with their VTIMEZONE).
"""

from datetime import timedelta

from django.conf import settings
from wagtail.models import Locale

from qiao.core import ics

from .models import EventPage, Registration


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.BASE_URL.rstrip("/") + path


def event_in_language(event: EventPage, language_code: str) -> EventPage:
    """The event's version in a language, else its source version."""
    source = event.source_event
    locale = Locale.objects.filter(language_code=language_code).first()
    translated = source.get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live:
        return translated
    return source


def _location(place: str, address: str) -> str:
    return ", ".join(part for part in (place, " ".join(address.split())) if part)


def _event_component(page: EventPage):
    source = page.source_event
    url = absolute_url(page.get_url() or "")
    return ics.vevent(
        uid=f"event-{source.pk}@qiao",
        summary=page.title,
        start=page.start,
        end=page.end,
        location=_location(page.place, page.address),
        description="\n\n".join(part for part in (page.teaser, url) if part),
        url=url,
    )


def event_calendar(page: EventPage) -> bytes:
    calendar = ics.new_calendar()
    calendar.add_component(_event_component(page))
    return ics.to_bytes(calendar)


def feed_calendar(pages, *, name: str) -> bytes:
    calendar = ics.new_calendar(name, method="")
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for page in pages:
        calendar.add_component(_event_component(page))
    return ics.to_bytes(calendar)


def registration_calendar(registration: Registration) -> bytes:
    """The participant's calendar: the event, or the sessions they chose."""
    page = event_in_language(registration.event, registration.language)
    calendar = ics.new_calendar()
    sessions = list(registration.sessions.all())
    if not sessions:
        calendar.add_component(_event_component(page))
    for session in sessions:
        calendar.add_component(
            ics.vevent(
                uid=f"session-{session.pk}@qiao",
                summary=f"{page.title}: {session.title}",
                start=session.start,
                end=session.end,
                location=_location(session.place or page.place, page.address),
                description=absolute_url(page.get_url() or ""),
                url=absolute_url(page.get_url() or ""),
            )
        )
    return ics.to_bytes(calendar)
