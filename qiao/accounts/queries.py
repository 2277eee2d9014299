import datetime

from django.utils import timezone

from .models import AuditEntry


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_entries(*, person: str = "", action: str = "", since=None, until=None):
    """The audit trail, newest first; days are Berlin days, ``until`` included."""
    entries = AuditEntry.objects.select_related("actor")
    if person:
        entries = entries.about(person)
    if action:
        entries = entries.filter(action=action)
    if since:
        entries = entries.filter(at__gte=_start_of(since))
    if until:
        entries = entries.filter(at__lt=_start_of(until + datetime.timedelta(days=1)))
    return entries
