"""Every write of the core app."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from .models import ContactMessage, ContactStatus, ContentVersion


def receive_contact_message(
    *, name: str, email: str, subject: str, message: str, language: str
) -> ContactMessage:
    """Store a message from the contact form and tell the office, after the commit."""
    with transaction.atomic():
        contact_message = ContactMessage.objects.create(
            name=name, email=email, subject=subject, message=message, language=language
        )
        notify_staff_of_contact_message(contact_message)
    return contact_message


def notify_staff_of_contact_message(contact_message: ContactMessage) -> None:
    body = render_to_string("core/email/contact_notification.txt", {"message": contact_message})
    from qiao.outbox.services import queue_email

    message = EmailMessage(
        # One line: a line break in a header would stop the message (older rows).
        subject=gettext("Contact form: %(subject)s")
        % {"subject": " ".join(contact_message.subject.split())},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.STAFF_NOTIFICATION_EMAIL],
        reply_to=[contact_message.email],
    )
    queue_email(message, purpose="core.contact", related=contact_message)


def update_contact_message(
    contact_message: ContactMessage,
    *,
    status: str,
    assignee,
    internal_note: str,
    by,
) -> ContactMessage:
    """The inbox's one write: status, who takes care of the message, the internal note.
    Logged with what changed; a status change is stamped with its time."""
    if status not in ContactStatus.values:
        raise ValueError(f"unknown contact message status {status!r}")
    with transaction.atomic():
        locked = ContactMessage.objects.select_for_update().get(pk=contact_message.pk)
        changed = []
        data = {}
        if locked.status != status:
            data["status"] = {"from": locked.status, "to": status}
            locked.status = status
            locked.status_changed_at = timezone.now()
            changed += ["status", "status_changed_at"]
        if locked.assignee_id != (assignee.pk if assignee else None):
            data["assignee"] = assignee.get_username() if assignee else ""
            locked.assignee = assignee
            changed.append("assignee")
        if locked.internal_note != internal_note:
            locked.internal_note = internal_note
            changed.append("internal_note")
        if changed:
            locked.save(update_fields=changed)
            from wagtail.log_actions import log

            log(locked, "core.contact_message.updated", user=by, data=data)
    return locked


def purge_contact_messages(*, older_than_days: int) -> int:
    """Delete contact messages past their retention period; returns how many."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _ = ContactMessage.objects.filter(created_at__lt=cutoff).delete()
    return deleted


_CONTENT_VERSION_SQL = "SELECT MAX(version) FROM core_contentversion"


def content_version(request=None) -> int:
    """The current content version (see ContentVersion); 0 before the first change. With a
    request, read once per request."""
    if request is not None and hasattr(request, "_qiao_content_version"):
        return request._qiao_content_version
    # Read on every request a page is served from the cache, so in plain SQL: the ORM's
    # query building costs more than the query itself.
    with connection.cursor() as cursor:
        cursor.execute(_CONTENT_VERSION_SQL)
        row = cursor.fetchone()
    version = (row[0] if row else 0) or 0
    if request is not None:
        request._qiao_content_version = version
    return version


def bump_content_version() -> None:
    """Marks the cached header and footer of every language as out of date."""
    with transaction.atomic():
        if not ContentVersion.objects.update(version=F("version") + 1):
            ContentVersion.objects.create(version=1)
