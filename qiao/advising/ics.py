"""The calendar file of a confirmed appointment."""

from qiao.core import ics

from .enums import MeetingMode


def booking_calendar(booking, *, manage_url: str = "") -> bytes:
    slot = booking.slot
    online = slot.mode == MeetingMode.ONLINE
    return ics.single_event_file(
        uid=f"advising-booking-{booking.pk}@qiao",
        summary=f"{slot.topic.name} – {slot.advisor.name}",
        start=slot.starts_at,
        end=slot.ends_at,
        location=slot.online_link if online else slot.room,
        url=slot.online_link if online else "",
        description=manage_url,
    )
