"""The e-mails of the advising app, each in the language of the person it goes to."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from qiao.outbox.services import queue_email

from .ics import booking_calendar
from .links import absolute_url, confirm_token, manage_token

SUBJECTS = {
    "confirm": lambda: gettext("Please confirm your appointment: %(topic)s"),
    "confirmed": lambda: gettext("Your appointment is confirmed: %(topic)s"),
    "cancelled": lambda: gettext("Your appointment was cancelled: %(topic)s"),
    "reminder": lambda: gettext("Reminder: your appointment tomorrow: %(topic)s"),
}


def send_booking_email(booking, kind: str) -> None:
    with translation.override(booking.language):
        manage_url = absolute_url("advising:manage", manage_token(booking), booking.language)
        context = {
            "booking": booking,
            "slot": booking.slot,
            "topic": booking.slot.topic,
            "confirm_url": absolute_url(
                "advising:confirm", confirm_token(booking), booking.language
            ),
            "manage_url": manage_url,
            "hold_minutes": settings.ADVISING_HOLD_MINUTES,
        }
        subject = SUBJECTS[kind]() % {"topic": booking.slot.topic.name}
        body = render_to_string(f"advising/email/{kind}.txt", context)
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[booking.email],
        )
        if kind in ("confirmed", "reminder"):
            message.attach(
                "appointment.ics",
                booking_calendar(booking, manage_url=manage_url),
                "text/calendar",
            )
        queue_email(message, purpose=f"advising.{kind}", language=booking.language, related=booking)


def notify_advisor(booking, kind: str) -> None:
    """Tell the advisor of a new, moved or cancelled appointment (in German, the office
    language)."""
    with translation.override(settings.LANGUAGE_CODE):
        subjects = {
            "booked": gettext("New appointment: %(topic)s"),
            "rebooked": gettext("Appointment moved: %(topic)s"),
            "cancelled": gettext("Appointment cancelled: %(topic)s"),
        }
        subject = subjects[kind] % {"topic": booking.slot.topic.name}
        body = render_to_string(
            "advising/email/advisor.txt",
            {
                "booking": booking,
                "slot": booking.slot,
                "kind": kind,
            },
        )
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[booking.slot.advisor.email],
        )
        queue_email(
            message,
            purpose=f"advising.advisor_{kind}",
            language=settings.LANGUAGE_CODE,
            related=booking,
        )
