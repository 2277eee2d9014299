"""The e-mails of incoming groups, each in the language of the person it goes to."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from qiao.outbox.services import queue_email

from .links import link_valid_until, portal_url


def _queue(participant, *, subject: str, template: str, context: dict, purpose: str) -> None:
    body = render_to_string(template, {"participant": participant, **context})
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[participant.email],
    )
    queue_email(message, purpose=purpose, language=participant.language, related=participant)


def send_portal_link(participant) -> None:
    from django.utils.translation import gettext

    with translation.override(participant.language):
        _queue(
            participant,
            subject=gettext("Your personal page for %(programme)s")
            % {"programme": participant.cohort.title},
            template="incoming/email/portal_link.txt",
            context={
                "portal_url": portal_url(participant),
                "valid_until": link_valid_until(participant.cohort),
                "cohort": participant.cohort,
            },
            purpose="incoming.portal_link",
        )


def send_reminder(participant, kind: str) -> None:
    from django.utils.translation import gettext

    with translation.override(participant.language):
        subjects = {
            "missing": gettext("Please complete your details for %(programme)s"),
            "insurance": gettext("Your health insurance ends before %(programme)s does"),
            "visa": gettext("Your visa ends before %(programme)s does"),
        }
        _queue(
            participant,
            subject=subjects[kind] % {"programme": participant.cohort.title},
            template="incoming/email/reminder.txt",
            context={
                "kind": kind,
                "cohort": participant.cohort,
                "missing": participant.missing_details(),
                "portal_url": portal_url(participant),
            },
            purpose=f"incoming.reminder_{kind}",
        )


def send_digest(cohort, coordinators, rows) -> None:
    """The weekly digest to the group's coordinators, in the office language."""
    from django.urls import reverse
    from django.utils.translation import gettext

    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "incoming/email/digest.txt",
            {
                "cohort": cohort,
                "rows": [
                    (participant, [participant_issue(participant, kind) for kind in kinds])
                    for participant, kinds in rows
                ],
                "admin_url": settings.BASE_URL.rstrip("/")
                + reverse("incoming_admin:cohort", args=[cohort.pk]),
            },
        )
        message = EmailMessage(
            subject=gettext("Weekly overview: %(programme)s") % {"programme": cohort.title},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email for user in coordinators],
        )
        queue_email(
            message,
            purpose="incoming.digest",
            language=settings.LANGUAGE_CODE,
            related=cohort,
        )


def participant_issue(participant, kind: str) -> str:
    from django.utils.translation import gettext

    if kind == "missing":
        return gettext("missing: %(items)s") % {"items": ", ".join(participant.missing_details())}
    if kind == "insurance":
        return gettext("insurance ends early")
    return gettext("visa ends early")
