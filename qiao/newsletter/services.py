"""Every write of the newsletter: subscribing (double opt-in), preferences, leaving,
import, marking bounced addresses, erasure. Sending an issue is in ``sending.py``."""

from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils import timezone

from . import emails
from .enums import TOPIC_FIELDS, Source, SubscriberStatus, Topic
from .models import Subscriber

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"
# A confirmation link works for a week; the links to the preferences and to leave always.
CONFIRM_MAX_AGE = 7 * 24 * 3600


class LinkError(Exception):
    """An expired, tampered or no longer valid link; ``message`` says which, for people."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def normalize_email(address: str) -> str:
    local, _at, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def _topic_values(topics) -> dict:
    return {field: topic in topics for topic, field in TOPIC_FIELDS.items()}


# --- signed links ----------------------------------------------------------------------


def confirmation_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.key], salt=CONFIRM_SALT)


def manage_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.key], salt=MANAGE_SALT)


def subscriber_from_token(token: str, *, purpose: str) -> Subscriber:
    from django.utils.translation import gettext as _

    salt, max_age = (CONFIRM_SALT, CONFIRM_MAX_AGE) if purpose == "confirm" else (MANAGE_SALT, None)
    try:
        pk, key = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError(
            _("This link has expired. Please sign up again: we will send you a new one.")
        ) from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise LinkError(
            _("This link is not valid. Please copy the whole link from the e-mail.")
        ) from error
    subscriber = Subscriber.objects.filter(pk=pk, key=key).first()
    if subscriber is None:
        raise LinkError(_("This address is no longer on our list."))
    return subscriber


def consent_text(privacy_url: str) -> str:
    """The wording a subscriber agrees to, in the active language; stored with the
    subscription as it was shown."""
    from django.utils.translation import gettext as _

    text = _(
        "I would like to receive the newsletter by e-mail in the languages and on the topics "
        "I chose. I can leave at any time with the link in every issue. My address is used "
        "for nothing else."
    )
    if privacy_url:
        text += " " + _("Data privacy: %(url)s") % {"url": privacy_url}
    return text


# --- subscribing -----------------------------------------------------------------------


@dataclass
class Choice:
    """What a person asks for: their languages (first = preferred) and topics."""

    languages: list[str]
    topics: list[str]


def request_subscription(
    email: str, *, choice: Choice, consent_text: str, language: str, source: str = Source.FORM
) -> Subscriber:
    """Someone asks for the newsletter. Nothing is sent to them before they confirm through
    the link we e-mail; an address already subscribed gets a note with its preferences link
    instead, and its choices stay as they are (whoever typed it may not own it). The caller
    answers the same in every case, so the form does not reveal who is on the list."""
    email = normalize_email(email)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is not None and subscriber.status == SubscriberStatus.ACTIVE:
            if source == Source.FORM:  # a box ticked on another form needs no note
                emails.send_already_subscribed(subscriber, language=language)
            return subscriber
        values = {
            "languages": choice.languages,
            **_topic_values(choice.topics),
            "status": SubscriberStatus.PENDING,
            "source": source,
            "consent_text": consent_text,
            "requested_at": timezone.now(),
        }
        if subscriber is None:
            subscriber = Subscriber.objects.create(email=email, **values)
        else:
            for field, value in values.items():
                setattr(subscriber, field, value)
            subscriber.save(update_fields=[*values])
        emails.send_confirmation_request(subscriber, language=language)
    return subscriber


def request_subscription_from(email: str, *, language: str, source: str) -> Subscriber:
    """The box ticked at an event registration, an advising booking or in the account:
    every topic, the page's language; confirmed like any sign-up."""
    from django.utils import translation

    from .queries import privacy_url

    with translation.override(language):
        wording = consent_text(privacy_url(None))
    return request_subscription(
        email,
        choice=Choice(languages=[language], topics=list(Topic.values)),
        consent_text=wording,
        language=language,
        source=source,
    )


def confirm_subscription(subscriber: Subscriber) -> bool:
    """The person clicked the link in the confirmation e-mail. True if this made them a
    subscriber, False if they already were (a second click changes nothing)."""
    with transaction.atomic():
        updated = Subscriber.objects.filter(
            pk=subscriber.pk, status=SubscriberStatus.PENDING
        ).update(status=SubscriberStatus.ACTIVE, consent_at=timezone.now(), unsubscribed_at=None)
    subscriber.refresh_from_db()
    return updated == 1


def update_preferences(subscriber: Subscriber, *, choice: Choice) -> Subscriber:
    values = {"languages": choice.languages, **_topic_values(choice.topics)}
    Subscriber.objects.filter(pk=subscriber.pk).update(**values)
    subscriber.refresh_from_db()
    return subscriber


def unsubscribe(subscriber: Subscriber) -> bool:
    """Leave the list (one click). True if this removed them, False if already gone."""
    updated = Subscriber.objects.filter(
        pk=subscriber.pk, status__in=[SubscriberStatus.ACTIVE, SubscriberStatus.PENDING]
    ).update(status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    subscriber.refresh_from_db()
    return updated == 1


def mark_undeliverable(subscriber: Subscriber, *, status: str, note: str = "", user=None) -> None:
    """Staff: the address bounced or is invalid; it is skipped from now on."""
    from wagtail.log_actions import log

    if status not in (SubscriberStatus.BOUNCED, SubscriberStatus.INVALID):
        raise ValueError(status)
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).update(status=status, status_note=note[:300])
        subscriber.refresh_from_db()
        log(instance=subscriber, action="newsletter.marked_undeliverable", user=user)


# --- personal data ---------------------------------------------------------------------


def export_subscription(email: str) -> list[dict]:
    """A person's data export: their subscription, as stored."""
    return [
        {
            "email": subscriber.email,
            "status": subscriber.status,
            "languages": subscriber.languages,
            "topics": subscriber.topics,
            "source": subscriber.source,
            "imported": subscriber.is_imported,
            "consent_text": subscriber.consent_text,
            "consent_at": subscriber.consent_at.isoformat() if subscriber.consent_at else None,
            "requested_at": subscriber.requested_at.isoformat(),
            "unsubscribed_at": (
                subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else None
            ),
            "issues_received": subscriber.deliveries.count(),
        }
        for subscriber in Subscriber.objects.filter(email__iexact=normalize_email(email))
    ]


def erase_subscriber(email: str) -> int:
    """A person's erasure: the subscription and the e-mails to them. The per-issue counts
    keep their number (the delivery rows lose the person)."""
    from qiao.outbox.services import erase_emails_to

    with transaction.atomic():
        deleted = Subscriber.objects.filter(email__iexact=normalize_email(email)).delete()[0]
        erase_emails_to(email)
    return deleted


# --- import and export -----------------------------------------------------------------


class SubscriberImportError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ImportResult:
    added: int
    skipped: int


def _parse_import(content: bytes) -> list[dict]:
    import csv
    import io

    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email
    from django.utils.translation import gettext as _

    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SubscriberImportError(_("The file is not UTF-8 text.")) from error
    header = text.split("\n", 1)[0]
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if ";" in header else ","))
    if not rows or "email" not in (rows[0].keys()):
        raise SubscriberImportError(_("The file needs a header line with a column “email”."))
    known_languages = {code for code, _name in settings.LANGUAGES}
    parsed = []
    for number, row in enumerate(rows, start=2):
        email = (row.get("email") or "").strip()
        languages = (row.get("languages") or "").replace(",", " ").split()
        topics = (row.get("topics") or "").replace(",", " ").split()
        try:
            validate_email(email)
        except ValidationError as error:
            raise SubscriberImportError(
                _("Line %(line)s: “%(email)s” is not an e-mail address.")
                % {"line": number, "email": email}
            ) from error
        if not set(languages) <= known_languages or not languages:
            raise SubscriberImportError(
                _("Line %(line)s: languages must be some of %(known)s.")
                % {"line": number, "known": " ".join(sorted(known_languages))}
            )
        if not set(topics) <= set(Topic.values) or not topics:
            raise SubscriberImportError(
                _("Line %(line)s: topics must be some of %(known)s.")
                % {"line": number, "known": " ".join(Topic.values)}
            )
        parsed.append({"email": normalize_email(email), "languages": languages, "topics": topics})
    return parsed


def import_subscribers(content: bytes, *, consent_note: str, user=None) -> ImportResult:
    """An existing list whose consent is documented elsewhere: active at once, marked as
    imported, with the note on where the consent was given. A line with an error stops
    the whole import (nothing is added); addresses already known are left as they are."""
    from wagtail.log_actions import log

    rows = _parse_import(content)
    now = timezone.now()
    added = 0
    with transaction.atomic():
        known = {
            email.lower()
            for email in Subscriber.objects.filter(
                email__in=[row["email"] for row in rows]
            ).values_list("email", flat=True)
        }
        for row in rows:
            if row["email"].lower() in known:
                continue
            known.add(row["email"].lower())
            subscriber = Subscriber.objects.create(
                email=row["email"],
                languages=row["languages"],
                **_topic_values(row["topics"]),
                status=SubscriberStatus.ACTIVE,
                source=Source.IMPORT,
                is_imported=True,
                consent_text=consent_note,
                consent_at=now,
                requested_at=now,
            )
            added += 1
            log(instance=subscriber, action="newsletter.imported", user=user)
    return ImportResult(added=added, skipped=len(rows) - added)


EXPORT_COLUMNS = [
    "email", "status", "languages", "topics", "source", "imported", "consent_at",
    "consent_text", "requested_at", "unsubscribed_at", "note",
]  # fmt: skip


def export_subscribers_csv() -> str:
    """Every subscriber as CSV (UTF-8 with BOM and ";" so that Excel opens it)."""
    import csv
    import io

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(EXPORT_COLUMNS)
    for s in Subscriber.objects.order_by("email").iterator():
        writer.writerow(
            [
                s.email,
                s.status,
                " ".join(s.languages),
                " ".join(s.topics),
                s.source,
                "yes" if s.is_imported else "no",
                s.consent_at.isoformat() if s.consent_at else "",
                s.consent_text,
                s.requested_at.isoformat(),
                s.unsubscribed_at.isoformat() if s.unsubscribed_at else "",
                s.status_note,
            ]  # fmt: skip
        )
    return out.getvalue()
