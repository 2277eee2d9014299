"""Every write of the partner network."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from qiao.outbox.services import queue_email

from .enums import RENEWAL_ALERT_DAYS
from .models import Agreement, RenewalAlert

logger = logging.getLogger(__name__)


def _due_threshold(days_left: int) -> int | None:
    """The smallest reminder threshold the agreement has reached, or None."""
    reached = [days for days in RENEWAL_ALERT_DAYS if days_left <= days]
    return min(reached) if reached and days_left >= 0 else None


def queue_renewal_alerts(*, today: datetime.date | None = None) -> list[RenewalAlert]:
    """Record the renewal reminders that are due today and queue their e-mails.

    Each agreement gets one reminder per threshold (180, 90, 30 days before its end)
    and end date. A reminder that was missed (the agreement was entered late, the daily
    run did not happen) is not sent afterwards once a nearer threshold is reached: the
    person gets the most pressing one only.
    """
    from .tasks import send_renewal_alert

    today = today or timezone.localdate()
    queued = []
    agreements = Agreement.objects.expiring_within(max(RENEWAL_ALERT_DAYS), today=today)
    for agreement in agreements.select_related("responsible").order_by("pk"):
        threshold = _due_threshold(agreement.days_left(today=today))
        if threshold is None:
            continue
        with transaction.atomic():
            reminded = RenewalAlert.objects.filter(
                agreement=agreement,
                valid_until=agreement.valid_until,
                days_before__lte=threshold,
            )
            if reminded.exists():
                continue
            alert, created = RenewalAlert.objects.get_or_create(
                agreement=agreement,
                valid_until=agreement.valid_until,
                days_before=threshold,
                defaults={"recipient_email": _recipient_email(agreement)},
            )
            if created:
                send_renewal_alert.call(alert.pk)  # into the outbox, in this transaction
                queued.append(alert)
    return queued


def _recipient_email(agreement: Agreement) -> str:
    if agreement.responsible and agreement.responsible.email:
        return agreement.responsible.email
    return settings.STAFF_NOTIFICATION_EMAIL


def _recipient_language(agreement: Agreement) -> str:
    language = getattr(agreement.responsible, "language", "") if agreement.responsible else ""
    return language or settings.LANGUAGE_CODE


def send_renewal_alert(alert: RenewalAlert) -> bool:
    """Send one recorded reminder, unless it was sent already. Returns whether it sent."""
    with transaction.atomic():
        alert = (
            RenewalAlert.objects.select_for_update(of=("self",))
            .select_related("agreement__responsible")
            .get(pk=alert.pk)
        )
        if alert.sent_at is not None:
            return False
        agreement = alert.agreement
        with translation.override(_recipient_language(agreement)):
            context = {
                "agreement": agreement,
                "alert": alert,
                "partners": list(agreement.partners.all()),
                "days_left": (alert.valid_until - timezone.localdate()).days,
                "edit_url": settings.BASE_URL
                + reverse("wagtailsnippets_partners_agreement:edit", args=[agreement.pk]),
            }
            subject = render_to_string("partners/email/renewal_alert_subject.txt", context)
            body = render_to_string("partners/email/renewal_alert_body.txt", context)
        queue_email(
            EmailMessage(subject=" ".join(subject.split()), body=body, to=[alert.recipient_email]),
            purpose="partners.renewal_alert",
            language=_recipient_language(agreement),
            related=alert,
        )
        alert.sent_at = timezone.now()
        alert.save(update_fields=["sent_at"])
    logger.info("Sent renewal reminder %s for agreement %s", alert.pk, agreement.pk)
    return True
