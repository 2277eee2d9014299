"""Reads for the back office: what waits, what failed, and whether a worker is running."""

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from .enums import EmailStatus
from .models import OutgoingEmail


def outbox_counts() -> dict:
    return {
        "waiting": OutgoingEmail.objects.filter(
            status__in=[EmailStatus.QUEUED, EmailStatus.SENDING]
        ).count(),
        "failed": OutgoingEmail.objects.filter(status=EmailStatus.FAILED).count(),
    }


def overdue_tasks(*, now=None):
    """Background tasks that were due more than TASKS_OVERDUE_AFTER ago and still wait: no
    worker is running (or it cannot keep up)."""
    now = now or timezone.now()
    threshold = now - settings.TASKS_OVERDUE_AFTER
    return DBTaskResult.objects.filter(status="READY").filter(
        Q(run_after__lte=threshold) | Q(run_after=get_date_max(), enqueued_at__lte=threshold)
    )


def failed_tasks():
    return DBTaskResult.objects.filter(status="FAILED")


def queue_health(*, now=None) -> dict:
    now = now or timezone.now()
    overdue = overdue_tasks(now=now)
    oldest = overdue.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return {
        "overdue": overdue.count(),
        "oldest": oldest,
        "failed_tasks": failed_tasks().count(),
        **outbox_counts(),
    }
