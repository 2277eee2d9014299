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
