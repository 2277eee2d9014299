"""The calendar file of a confirmed appointment."""

from django.utils import timezone
from icalendar import Calendar, Event

from .enums import MeetingMode


def booking_calendar(booking, *, manage_url: str = "") -> bytes:
    slot = booking.slot
    calendar = Calendar()
    calendar.add("prodid", "-//Qiao//Advising//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"advising-booking-{booking.pk}@qiao")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("summary", f"{slot.topic.name} – {slot.advisor.name}")
    if slot.mode == MeetingMode.ONLINE:
        event.add("location", slot.online_link)
        event.add("url", slot.online_link)
    else:
        event.add("location", slot.room)
    if manage_url:
        event.add("description", manage_url)
    calendar.add_component(event)
    return calendar.to_ical()
