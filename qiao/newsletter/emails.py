"""E-mails to subscribers, each in the language of the person (or of the page where the
address was typed, before anyone confirmed it)."""

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from qiao.core.models import CentreSettings
from qiao.outbox.services import queue_email

from .models import Subscriber


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.BASE_URL.rstrip("/") + path


def manage_links(subscriber: Subscriber) -> dict:
    """The signed links of every e-mail to a subscriber (under the active language)."""
    from .services import manage_token

    token = manage_token(subscriber)
    return {
        "preferences_url": absolute_url(reverse("newsletter:preferences", args=[token])),
        "unsubscribe_url": absolute_url(reverse("newsletter:unsubscribe", args=[token])),
    }


def _queue(subscriber: Subscriber, *, subject: str, template: str, context: dict, language: str):
    body = render_to_string(f"newsletter/email/{template}.txt", context)
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[subscriber.email]
    )
    queue_email(message, purpose=f"newsletter.{template}", language=language, related=subscriber)


def send_confirmation_request(subscriber: Subscriber, *, language: str) -> None:
    from .services import confirmation_token

    with translation.override(language):
        url = absolute_url(reverse("newsletter:confirm", args=[confirmation_token(subscriber)]))
        context = {"confirm_url": url, "centre": CentreSettings.load()}
        _queue(
            subscriber,
            subject=_("Please confirm your newsletter subscription"),
            template="confirm_request",
            context=context,
            language=language,
        )


def send_already_subscribed(subscriber: Subscriber, *, language: str) -> None:
    with translation.override(language):
        context = {**manage_links(subscriber), "centre": CentreSettings.load()}
        _queue(
            subscriber,
            subject=_("You already receive our newsletter"),
            template="already_subscribed",
            context=context,
            language=language,
        )


# --- issues ----------------------------------------------------------------------------


def _issue_message(issue, *, language: str, to: str, links: dict, is_test: bool):
    from .rendering import render_issue

    with translation.override(language):
        html, text = render_issue(issue, links=links, is_test=is_test)
        subject = issue.title
        if is_test:
            subject = _("[Test] %(subject)s") % {"subject": subject}
    headers = {"Precedence": "bulk", "Auto-Submitted": "auto-generated"}
    if links.get("unsubscribe_url"):
        # RFC 2369 and RFC 8058: the mail client's own "unsubscribe" posts to this address.
        headers["List-Unsubscribe"] = f"<{links['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def queue_issue(issue, subscriber: Subscriber, *, language: str):
    """The issue for one subscriber, with their own links to leave and to their settings."""
    with translation.override(language):
        links = manage_links(subscriber)
    message = _issue_message(
        issue, language=language, to=subscriber.email, links=links, is_test=False
    )
    return queue_email(message, purpose="newsletter.issue", language=language, related=subscriber)


def queue_test_issue(issue, *, language: str, to: str):
    """A test for staff: the e-mail as subscribers will get it, with links that lead to
    the sign-up page instead of anyone's settings."""
    with translation.override(language):
        url = absolute_url(reverse("newsletter:subscribe"))
    links = {"preferences_url": url, "unsubscribe_url": url}
    message = _issue_message(issue, language=language, to=to, links=links, is_test=True)
    return queue_email(message, purpose="newsletter.test", language=language, related=issue)
