"""Every write of the outbox: queue an e-mail, deliver it (with retries), send it again,
report failures, purge old rows."""

import logging
import smtplib
import socket
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language

from .enums import EmailStatus
from .models import OutgoingAttachment, OutgoingEmail

logger = logging.getLogger(__name__)


def queue_email(
    message: EmailMessage, *, purpose: str, language: str = "", related=None
) -> OutgoingEmail:
    """Store the message as a row of the outbox, in the caller's transaction; the task
    worker delivers it after the commit. Nothing is lost if the mail server or the worker
    is down: the row waits and is retried."""
    domain = message.from_email.rpartition("@")[2].strip(">") or "localhost"
    html = ""
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html = content
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            purpose=purpose,
            language=language or get_language() or "",
            from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
            recipients=", ".join(message.to),
            reply_to=", ".join(message.reply_to),
            subject=message.subject,
            body=message.body,
            html_body=html,
            headers={k: v for k, v in message.extra_headers.items() if k != "Message-ID"},
            message_id=message.extra_headers.get("Message-ID") or make_msgid(domain=domain),
            related_type=ContentType.objects.get_for_model(related) if related else None,
            related_id=str(related.pk) if related else "",
            give_up_at=timezone.now() + settings.OUTBOX_RETRY_FOR,
        )
        for attachment in message.attachments:
            filename, content, mimetype = attachment
            if isinstance(content, str):
                content = content.encode()
            OutgoingAttachment.objects.create(
                email=email, filename=filename, mimetype=mimetype or "", content=content
            )
        _deliver_after_commit(email.pk)
    return email


def _deliver_after_commit(email_id: int, *, run_after=None) -> None:
    from .tasks import deliver_email

    def enqueue():
        task = deliver_email
        if run_after is not None and task.get_backend().supports_defer:
            task = task.using(run_after=run_after)
        elif run_after is not None:
            return  # without deferred tasks, `deliver_outbox` (every minute) retries it
        task.enqueue(email_id)

    if settings.OUTBOX_DELIVER_BEFORE_COMMIT:
        enqueue()
    else:
        transaction.on_commit(enqueue)


# --- delivery ------------------------------------------------------------------------


def _claim(email_id: int, now) -> bool:
    """Mark the row as being sent by this worker; False if it is not due or another worker
    has it. One UPDATE, so two workers never both claim it."""
    timeout = settings.OUTBOX_SENDING_TIMEOUT
    claimed = (
        OutgoingEmail.objects.due(now=now, sending_timeout=timeout)
        .filter(pk=email_id)
        .update(status=EmailStatus.SENDING, sending_since=now, attempts=F("attempts") + 1)
    )
    return claimed == 1


def _message(email: OutgoingEmail) -> EmailMessage:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.recipient_list(),
        reply_to=[a for a in email.reply_to.split(", ") if a],
        headers={**email.headers, "Message-ID": email.message_id},
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for attachment in email.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


def is_permanent(error: Exception) -> bool:
    """5xx replies and invalid addresses will not get better by waiting; connection
    failures, time-outs and 4xx replies will."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    if isinstance(error, (OSError, socket.timeout, smtplib.SMTPException)):
        return False
    # A message that cannot even be built (e.g. an address with a line break) is permanent.
    return isinstance(error, (ValueError, UnicodeError))


def retry_wait(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes, at most an hour between attempts."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def deliver(email_id: int, *, now=None) -> str:
    """Send one e-mail of the outbox; returns its status afterwards."""
    now = now or timezone.now()
    if not _claim(email_id, now):
        return OutgoingEmail.objects.filter(pk=email_id).values_list("status", flat=True).first()
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        connection = get_connection(fail_silently=False)
        connection.send_messages([_message(email)])
    except Exception as error:  # every failure is recorded on the row, none is lost
        return _record_failure(email, error, now=timezone.now())
    # Recorded at once after the server accepted it, before anything else can fail.
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), sending_since=None, last_error=""
    )
    return EmailStatus.SENT


def _record_failure(email: OutgoingEmail, error: Exception, *, now) -> str:
    text = f"{type(error).__name__}: {error}"[:2000]
    give_up_at = email.give_up_at or email.created_at + settings.OUTBOX_RETRY_FOR
    if is_permanent(error) or now >= give_up_at:
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.FAILED, failed_at=now, sending_since=None, last_error=text
        )
        logger.warning("E-mail %s failed for good: %s", email.pk, text)
        return EmailStatus.FAILED
    email.refresh_from_db(fields=["attempts"])
    next_attempt = now + retry_wait(email.attempts)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.QUEUED,
        next_attempt_at=next_attempt,
        sending_since=None,
        last_error=text,
    )
    _deliver_after_commit(email.pk, run_after=next_attempt)
    logger.info("E-mail %s will be tried again at %s: %s", email.pk, next_attempt, text)
    return EmailStatus.QUEUED


def deliver_due(*, now=None, limit: int = 500) -> dict:
    """The safety net, run every minute: sends what is due, including rows left "sending"
    by a worker that died. Returns a count per resulting status."""
    now = now or timezone.now()
    counts: dict = {}
    ids = list(
        OutgoingEmail.objects.due(now=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    for email_id in ids:
        status = deliver(email_id, now=now)
        counts[status] = counts.get(status, 0) + 1
    return counts


# --- staff ---------------------------------------------------------------------------


def send_again(email: OutgoingEmail, *, user=None) -> OutgoingEmail:
    """Staff: try a failed (or waiting) e-mail again now."""
    from wagtail.log_actions import log

    with transaction.atomic():
        updated = OutgoingEmail.objects.filter(
            pk=email.pk, status__in=[EmailStatus.FAILED, EmailStatus.QUEUED]
        ).update(
            status=EmailStatus.QUEUED,
            next_attempt_at=timezone.now(),
            failed_at=None,
            reported_at=None,
            give_up_at=timezone.now() + settings.OUTBOX_RETRY_FOR,  # a new retry period
        )
        if updated:
            log(instance=email, action="outbox.send_again", user=user)
            _deliver_after_commit(email.pk)
    email.refresh_from_db()
    return email


def report_failures(*, now=None) -> int:
    """Daily: one e-mail to the office listing the e-mails that failed for good since the
    last report. Returns how many were listed."""
    now = now or timezone.now()
    with transaction.atomic():
        failed = list(
            OutgoingEmail.objects.select_for_update()
            .filter(status=EmailStatus.FAILED, reported_at__isnull=True)
            .exclude(purpose="outbox.failure_report")
            .order_by("failed_at")
        )
        if not failed:
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            from django.utils.translation import ngettext

            body = render_to_string(
                "outbox/email/failure_report.txt",
                {"emails": failed, "list_url": settings.BASE_URL.rstrip("/") + "/admin/outbox/"},
            )
            subject = ngettext(
                "%(count)s e-mail could not be delivered",
                "%(count)s e-mails could not be delivered",
                len(failed),
            ) % {"count": len(failed)}
        queue_email(
            EmailMessage(subject=subject, body=body, to=[settings.STAFF_NOTIFICATION_EMAIL]),
            purpose="outbox.failure_report",
            language=settings.LANGUAGE_CODE,
        )
        OutgoingEmail.objects.filter(pk__in=[e.pk for e in failed]).update(reported_at=now)
    return len(failed)


# --- personal data -------------------------------------------------------------------


def purge_outbox(*, now=None) -> int:
    """Delete rows whose object is gone (its own purge ran: the e-mail follows its
    retention), and every row older than OUTBOX_RETENTION_DAYS. Returns how many."""
    now = now or timezone.now()
    deleted = 0
    old = OutgoingEmail.objects.filter(
        created_at__lt=now - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    ).exclude(status__in=[EmailStatus.QUEUED, EmailStatus.SENDING])
    deleted += old.delete()[0]
    related = OutgoingEmail.objects.exclude(related_type=None).exclude(
        status__in=[EmailStatus.QUEUED, EmailStatus.SENDING]
    )
    for type_id in related.values_list("related_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        rows = related.filter(related_type_id=type_id)
        existing = {
            str(pk)
            for pk in model._default_manager.filter(
                pk__in=[int(i) for i in rows.values_list("related_id", flat=True) if i.isdigit()]
            ).values_list("pk", flat=True)
        }
        orphans = [pk for pk, rid in rows.values_list("pk", "related_id") if rid not in existing]
        deleted += OutgoingEmail.objects.filter(pk__in=orphans).delete()[0]
    return deleted


def _rows_to(address: str) -> list[OutgoingEmail]:
    """The e-mails to exactly this address (the query narrows by substring first)."""
    wanted = address.strip().lower()
    return [
        email
        for email in OutgoingEmail.objects.for_address(address)
        if wanted in [a.lower() for a in email.recipient_list()]
    ]


def erase_emails_to(address: str) -> int:
    """A person's erasure: every e-mail to their address."""
    rows = [email.pk for email in _rows_to(address)]
    return OutgoingEmail.objects.filter(pk__in=rows).delete()[0]


def emails_to(address: str) -> list[dict]:
    """A person's data export: the e-mails sent (or to be sent) to their address."""
    return [
        {
            "subject": email.subject,
            "purpose": email.purpose,
            "status": email.status,
            "queued_at": email.created_at.isoformat(),
            "sent_at": email.sent_at.isoformat() if email.sent_at else None,
            "body": email.body,
        }
        for email in _rows_to(address)
    ]


# --- the task queue ------------------------------------------------------------------


def recover_abandoned_tasks(*, now=None) -> int:
    """Tasks marked running for longer than TASKS_RUNNING_TIMEOUT belong to a worker that
    died (killed, machine restarted): put them back in the queue. Returns how many."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        status="RUNNING", started_at__lte=now - settings.TASKS_RUNNING_TIMEOUT
    ).update(status="READY", started_at=None)
