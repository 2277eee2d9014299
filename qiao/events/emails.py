"""E-mails to participants, each written in the participant's language."""

import io
import re

import qrcode
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


def check_in_code(registration: Registration) -> str:
    from .services import check_in_code as code

    return code(registration)


def _links(registration: Registration) -> dict:
    from .services import cancellation_token, confirmation_token, manage_token

    return {
        "manage_url": absolute_url(reverse("events:manage", args=[manage_token(registration)])),
        "confirm_url": absolute_url(
            reverse("events:confirm", args=[confirmation_token(registration)])
        ),
        "cancel_url": absolute_url(
            reverse("events:cancel", args=[cancellation_token(registration)])
        ),
    }


def _build(
    registration: Registration, subject: str, template: str, *, extra=None, ics=False
) -> EmailMessage:
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
        holds_seat = registration.status in (
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.ATTENDED,
        )
        if ics and holds_seat:
            context["check_in_code"] = check_in_code(registration)
        body = render_to_string(f"events/email/{template}.txt", context)
        centre = context["centre"]
        message = EmailMessage(
            subject=subject % {"event": page.title},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
            reply_to=[centre.email] if centre.email else None,
        )
        if ics:
            message.attach("event.ics", registration_calendar(registration), "text/calendar")
        if "check_in_code" in context:
            message.attach("check-in.png", qr_png(context["check_in_code"]), "image/png")
    return message


def qr_png(code: str) -> bytes:
    """The check-in code as a QR code image, drawn here (no outside service). The mask
    pattern is fixed: searching the best of eight took most of the time, and the e-mail
    is built inside the registration's transaction, while the event row is locked (about
    35 ms per image before, 6 ms now)."""
    qr = qrcode.QRCode(box_size=8, border=4, mask_pattern=QR_MASK_PATTERN)
    qr.add_data(code)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


QR_MASK_PATTERN = 2


def _send(registration: Registration, subject: str, template: str, *, extra=None, ics=False):
    message = _build(registration, subject, template, extra=extra, ics=ics)
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
            "changed": _("Your registration is changed: %(event)s"),
        }
    _send(registration, subjects[kind], kind, ics=kind in ("confirmed", "promoted", "changed"))


def send_reminder(registration: Registration) -> None:
    with translation.override(registration.language):
        subject = _("Reminder: %(event)s")
    _send(registration, subject, "reminder", ics=True)


def send_change_notice(registration: Registration) -> None:
    with translation.override(registration.language):
        subject = _("Changed time or place: %(event)s")
    _send(registration, subject, "change_notice", ics=True)


def send_session_change_notice(registration: Registration, session) -> None:
    with translation.override(registration.language):
        subject = _("Changed time or place: %(session)s") % {"session": session.title}
    _send(
        registration,
        subject.replace("%", "%%"),
        "session_change_notice",
        extra={"changed_session": session},
    )


def send_survey_invitation(registration: Registration) -> None:
    from .services import survey_token

    with translation.override(registration.language):
        subject = _("How was it? A short survey: %(event)s")
        survey_url = absolute_url(reverse("events:survey", args=[survey_token(registration)]))
    _send(registration, subject, "survey", extra={"survey_url": survey_url})


def certificate_url(registration: Registration) -> str:
    from .services import manage_token

    return absolute_url(reverse("events:certificate", args=[manage_token(registration)]))


def send_certificate_mail(registration: Registration) -> None:
    """The download link of the certificate (the PDF itself stays off the mail)."""
    with translation.override(registration.language):
        subject = _("Your certificate of attendance: %(event)s")
        url = certificate_url(registration)
    _send(registration, subject, "certificate", extra={"certificate_url": url})


def send_invitation(invitation, kind: str) -> None:
    """The personal invitation ("invitation") or its reminder ("invitation_reminder")."""
    from .services import invitation_token

    with translation.override(invitation.language):
        page = event_in_language(invitation.event, invitation.language)
        subjects = {
            "invitation": _("Invitation: %(event)s"),
            "invitation_reminder": _("Reminder of your invitation: %(event)s"),
        }
        context = {
            "invitation": invitation,
            "event": page,
            "event_url": absolute_url(page.get_url() or ""),
            "invitation_url": absolute_url(
                reverse("events:invitation", args=[invitation_token(invitation)])
            ),
            "centre": CentreSettings.load(),
        }
        body = render_to_string(f"events/email/{kind}.txt", context)
        centre = context["centre"]
        message = EmailMessage(
            subject=subjects[kind] % {"event": page.title},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[invitation.email],
            reply_to=[centre.email] if centre.email else None,
        )
    queue_email(message, purpose=f"events.{kind}", language=invitation.language, related=invitation)


# --- the coordinator's message: one text per language, with placeholders ----------------

PLACEHOLDERS = ("name", "event", "link")
PLACEHOLDER_PATTERN = re.compile(r"\{(\w+)\}")
# Where the participant's language has no text: English, then German, then Chinese.
TEXT_LANGUAGES = {"de": "de", "en": "en", "zh-hans": "zh"}
FALLBACK_ORDER = ("en", "de", "zh")


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in PLACEHOLDER_PATTERN.findall(text) if name not in PLACEHOLDERS]


def _pick(texts: dict, language: str) -> str:
    own = TEXT_LANGUAGES.get(language, "de")
    for key in (own, *FALLBACK_ORDER):
        if texts.get(key, "").strip():
            return texts[key]
    return ""


def _fill(text: str, registration: Registration) -> str:
    from .services import manage_token

    page = event_in_language(registration.event, registration.language)
    values = {
        "name": registration.name,
        "event": page.title,
        "link": absolute_url(reverse("events:manage", args=[manage_token(registration)])),
    }
    return PLACEHOLDER_PATTERN.sub(lambda match: values.get(match[1], match[0]), text)


def participant_message(registration: Registration, subjects: dict, bodies: dict) -> EmailMessage:
    """The message as this participant receives it (also the preview and the test)."""
    with translation.override(registration.language):
        subject = _fill(_pick(subjects, registration.language), registration)
        body = _fill(_pick(bodies, registration.language), registration)
    return _build(
        registration,
        subject.replace("%", "%%"),
        "participant_message",
        extra={"message_body": body},
    )


def send_participant_message(registration: Registration, subjects: dict, bodies: dict) -> None:
    message = participant_message(registration, subjects, bodies)
    queue_email(
        message,
        purpose="events.participant_message",
        language=registration.language,
        related=registration,
    )


def send_test_message(registration: Registration, subjects: dict, bodies: dict, *, to: str):
    """The message as ``registration`` would receive it, sent to the coordinator."""
    message = participant_message(registration, subjects, bodies)
    message.to = [to]
    message.subject = f"[Test] {message.subject}"
    queue_email(message, purpose="events.participant_message_test", language=registration.language)
