"""Calendar files (.ics) for interview times."""

from django.utils.translation import gettext as _

from qiao.core import ics


def interview_ics(slot) -> bytes:
    return ics.single_event_file(
        uid=f"interview-{slot.pk}@qiao",
        summary=_("Interview: %(call)s") % {"call": slot.call.title},
        start=slot.starts_at,
        end=slot.ends_at,
        location=slot.location,
    )
