"""Calendar files (.ics) for interview times."""

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event


def interview_ics(slot) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Qiao//mobility//")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", f"interview-{slot.pk}@qiao")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("summary", _("Interview: %(call)s") % {"call": slot.call.title})
    event.add("location", slot.location)
    cal.add_component(event)
    return cal.to_ical()
