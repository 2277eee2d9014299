"""Every e-mail the site sends is first a row here, written in the transaction of the change
that causes it; the task worker delivers it, retrying temporary failures."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import EmailStatus


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self, *, now=None, sending_timeout=None):
        """Waiting e-mails whose time has come, and e-mails left "sending" by a worker that
        died (after the timeout)."""
        from django.conf import settings

        now = now or timezone.now()
        timeout = sending_timeout or settings.OUTBOX_SENDING_TIMEOUT
        return self.filter(
            models.Q(status=EmailStatus.QUEUED, next_attempt_at__lte=now)
            | models.Q(status=EmailStatus.SENDING, sending_since__lte=now - timeout)
        )

    def for_address(self, email: str):
        return self.filter(recipients__icontains=email.strip())


class OutgoingEmail(models.Model):
    purpose = models.CharField(_("purpose"), max_length=80, db_index=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    from_email = models.CharField(_("from"), max_length=254)
    # Addresses separated by ", " (an e-mail of this site goes to one person or office).
    recipients = models.TextField(_("to"))
    reply_to = models.TextField(blank=True)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("text"))
    html_body = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # Stays the same on every attempt, so a receiving server or mail client can tell a
    # repeated delivery from a new message.
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)

    related_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    related_id = models.CharField(max_length=64, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # Temporary failures are retried until then (OUTBOX_RETRY_FOR after queueing or after
    # staff sent it again).
    give_up_at = models.DateTimeField(null=True, blank=True)
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    # When the office was told of this failure (the daily summary tells each one once).
    reported_at = models.DateTimeField(null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} → {self.recipients}"

    def recipient_list(self) -> list[str]:
        return [address for address in self.recipients.split(", ") if address]


class OutgoingAttachment(models.Model):
    email = models.ForeignKey(OutgoingEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    mimetype = models.CharField(max_length=100)
    content = models.BinaryField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.filename
