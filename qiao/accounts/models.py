"""The audit trail of personal data: who opened, exported or downloaded whose data, and
every status change of a person's application, registration or booking."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    OPENED = "opened", _("opened")
    EXPORTED = "exported", _("exported")
    DOWNLOADED = "downloaded", _("downloaded")
    STATUS_CHANGED = "status_changed", _("status changed")


class AuditEntryQuerySet(models.QuerySet):
    def about(self, person: str):
        """Entries on a person, found by (part of) their e-mail address or name."""
        return self.filter(person_label__icontains=person)


class AuditEntry(models.Model):
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # Kept as text: the trail stays readable after an account is deleted.
    actor_label = models.CharField(_("by"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    person_label = models.CharField(_("person"), max_length=300, db_index=True)
    subject = models.CharField(_("what"), max_length=300)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.person_label}"
