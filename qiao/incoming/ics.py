"""The calendar file of a cohort's timetable."""

from django.conf import settings

from qiao.core import ics


def cohort_calendar(cohort) -> bytes:
    calendar = ics.new_calendar(cohort.title)
    host = settings.BASE_URL.split("//")[-1].split("/")[0].split(":")[0] or "qiao"
    for session in cohort.sessions.order_by("starts_at"):
        calendar.add_component(
            ics.vevent(
                uid=f"incoming-session-{session.pk}@{host}",
                summary=session.title,
                start=session.starts_at,
                end=session.ends_at,
                location=", ".join(part for part in (session.room, cohort.location) if part),
            )
        )
    return ics.to_bytes(calendar)
