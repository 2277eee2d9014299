"""E-mails to participants, each written in the participant's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from qiao.core.models import CentreSettings
from qiao.outbox.services import queue_email

from .calendar import absolute_url, event_in_language, registration_calendar
from .enums import ParticipationMode, RegistrationStatus
from .models import Registration


def _links(registration: Registration) -> dict:
    from .services import cancellation_token, confirmation_token

    return {
        "confirm_url": absolute_url(
            reverse("events:confirm", args=[confirmation_token(registration)])
        ),
        "cancel_url": absolute_url(
            reverse("events:cancel", args=[cancellation_token(registration)])
        ),
    }


def _send(registration: Registration, subject: str, template: str, *, extra=None, ics=False):
    with translation.override(registration.language):
        page = event_in_language(registration.event, registration.language)
        context = {
            "registration": registration,
            "event": page,
            "event_url": absolute_url(page.get_url() or ""),
            "sessions": list(registration.sessions.all()),
            "centre": CentreSettings.load(),
            "show_online_link": (
                registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
                and registration.participation_mode == ParticipationMode.ONLINE
                and bool(page.online_link)
            ),
            **_links(registration),
            **(extra or {}),
        }
        body = render_to_string(f"events/email/{template}.txt", context)
        message = EmailMessage(
            subject=subject % {"event": page.title},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
        )
        if ics:
            message.attach("event.ics", registration_calendar(registration), "text/calendar")
        queue_email(
            message,
            purpose=f"events.{template}",
            language=registration.language,
            related=registration,
        )


def send_confirmation_request(registration: Registration) -> None:
    with translation.override(registration.language):
        subject = _("Please confirm your registration: %(event)s")
    _send(registration, subject, "confirm_request")


def send_status_mail(registration: Registration, kind: str) -> None:
    with translation.override(registration.language):
        subjects = {
            "confirmed": _("Your registration is confirmed: %(event)s"),
            "promoted": _("A seat became free for you: %(event)s"),
            "waitlisted": _("You are on the waitlist: %(event)s"),
            "cancelled": _("Your registration is cancelled: %(event)s"),
        }
    _send(registration, subjects[kind], kind, ics=kind in ("confirmed", "promoted"))


def send_reminder(registration: Registration) -> None:
    with translation.override(registration.language):
        subject = _("Reminder: %(event)s")
    _send(registration, subject, "reminder", ics=True)


def send_change_notice(registration: Registration) -> None:
    with translation.override(registration.language):
        subject = _("Changed time or place: %(event)s")
    _send(registration, subject, "change_notice", ics=True)


def send_participant_message(registration: Registration, subject: str, body: str) -> None:
    _send(
        registration,
        subject.replace("%", "%%"),
        "participant_message",
        extra={"message_body": body},
    )
