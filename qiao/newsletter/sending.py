"""Sending an issue: a test to a member of staff, then to its audience, in batches, in the
task worker.

Each batch is one transaction: it locks the sending, picks subscribers with no delivery
row yet, and writes for each a delivery row and the e-mail in the outbox; the task for the
next batch is enqueued in the same transaction (the database task backend stores it as a
row), deferred to keep to NEWSLETTER_SEND_RATE. A worker killed at any point leaves either
the whole batch or nothing, and the unique (sending, subscriber) row means nobody gets the
issue twice. If the chain of tasks breaks all the same (another backend, a task lost),
`send_newsletters` resumes every sending that has not moved for a while.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import emails, queries
from .enums import SendingStatus
from .models import Delivery, IssueSending, NewsletterIssuePage

STALLED_AFTER = timedelta(minutes=10)


class SendingError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def send_test(issue: NewsletterIssuePage, *, user) -> int:
    """Every language version of the issue, to the member of staff, marked as a test."""
    versions = queries.issue_versions(issue)
    with transaction.atomic():
        for code, version in versions.items():
            emails.queue_test_issue(version, language=code, to=user.email)
    return len(versions)


def schedule_sending(issue: NewsletterIssuePage, *, user, send_at=None) -> IssueSending:
    """Send the issue (all its languages) now or at ``send_at``. Once per issue."""
    from django.utils.translation import gettext as _
    from wagtail.log_actions import log

    now = timezone.now()
    send_at = max(send_at or now, now)
    with transaction.atomic():
        source = issue.get_translations(inclusive=True).order_by("pk").first().specific
        if not source.live:
            raise SendingError(_("Publish the issue before sending it."))
        already = IssueSending.objects.select_for_update().filter(
            issue__translation_key=issue.translation_key,
            status__in=[SendingStatus.SCHEDULED, SendingStatus.SENDING, SendingStatus.DONE],
        )
        if already.exists():
            raise SendingError(_("This issue has already been sent or is scheduled."))
        sending = IssueSending.objects.create(
            issue=source, status=SendingStatus.SCHEDULED, send_at=send_at, created_by=user
        )
        log(
            instance=source,
            action="newsletter.scheduled",
            user=user,
            data={"send_at": str(send_at)},
        )
        _enqueue_batch(sending.pk, run_after=send_at if send_at > now else None)
    return sending


def cancel_sending(sending: IssueSending, *, user) -> bool:
    """Staff: call off a scheduled sending that has not started."""
    updated = IssueSending.objects.filter(pk=sending.pk, status=SendingStatus.SCHEDULED).update(
        status=SendingStatus.CANCELLED, finished_at=timezone.now()
    )
    return updated == 1


def _enqueue_batch(sending_id: int, *, run_after=None) -> None:
    from .tasks import send_batch

    task = send_batch
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(sending_id)


def batch_pause() -> timedelta:
    """The pause after a batch, so that the sending keeps to NEWSLETTER_SEND_RATE."""
    return timedelta(minutes=settings.NEWSLETTER_BATCH_SIZE / max(settings.NEWSLETTER_SEND_RATE, 1))


def send_next_batch(sending_id: int, *, now=None) -> int:
    """Queue the issue for the next batch of its audience; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        sending = (
            IssueSending.objects.select_for_update()
            .select_related("issue")
            .filter(pk=sending_id, status__in=[SendingStatus.SCHEDULED, SendingStatus.SENDING])
            .first()
        )
        if sending is None or sending.send_at > now:
            return 0
        issue = sending.issue
        versions = queries.issue_versions(issue)
        original = queries.source_language(issue)
        audience = queries.audience(issue)
        if sending.status == SendingStatus.SCHEDULED:
            sending.status = SendingStatus.SENDING
            sending.started_at = now
            sending.audience_count = audience.count()
        batch = list(
            audience.exclude(deliveries__sending=sending).order_by("pk")[
                : settings.NEWSLETTER_BATCH_SIZE
            ]
        )
        for subscriber in batch:
            language = queries.language_for(subscriber.languages, versions, original=original)
            version = versions.get(language) or issue
            email = emails.queue_issue(version, subscriber, language=language)
            Delivery.objects.create(
                sending=sending, subscriber=subscriber, email=email, language=language
            )
        sending.last_batch_at = now
        is_last = len(batch) < settings.NEWSLETTER_BATCH_SIZE
        if is_last:
            sending.status = SendingStatus.DONE
            sending.finished_at = now
        sending.save(
            update_fields=["status", "started_at", "audience_count", "last_batch_at", "finished_at"]
        )
        if not is_last:  # in this transaction: the next batch's task row commits with it
            _enqueue_batch(sending.pk, run_after=now + batch_pause())
    return len(batch)


def resume_sendings(*, now=None) -> int:
    """The safety net (every minute): start what is due and nobody started, and resume
    what stopped moving. Returns how many sendings were pushed on."""
    now = now or timezone.now()
    due = IssueSending.objects.filter(status=SendingStatus.SCHEDULED, send_at__lte=now)
    stalled = IssueSending.objects.filter(
        status=SendingStatus.SENDING, last_batch_at__lte=now - STALLED_AFTER - batch_pause()
    )
    ids = list(due.values_list("pk", flat=True)) + list(stalled.values_list("pk", flat=True))
    for sending_id in ids:
        send_next_batch(sending_id, now=now)
    return len(ids)
