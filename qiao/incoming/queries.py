"""Reads of the incoming groups that views, letters and reports share."""

from django.db.models import Count, Q

from .models import Participant


def roster(cohort):
    """The cohort's participants (not purged) with the number of sessions attended."""
    return (
        Participant.objects.active()
        .filter(cohort=cohort)
        .annotate(attended=Count("attendances", filter=Q(attendances__present=True)))
        .order_by("name_pinyin")
    )
