"""Every write of the incoming groups: roster import, the participant's own changes,
attendance, reminders, the purge. Each function is one transaction; e-mails go through
the outbox in the same transaction."""

from django.db import transaction
from wagtail.log_actions import log

from .models import Cohort, Participant


def import_roster(cohort: Cohort, rows: list[dict], *, by) -> list[Participant]:
    """Create the participants of a checked roster (``roster.check_roster``), all or none."""
    with transaction.atomic():
        # Lock the cohort: two imports at once cannot exceed its capacity together.
        locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
        taken = Participant.objects.active().filter(cohort=locked).count()
        if taken + len(rows) > locked.capacity:
            raise ValueError("The roster exceeds the group's capacity.")
        created = Participant.objects.bulk_create(Participant(cohort=locked, **row) for row in rows)
        log(
            instance=locked,
            action="incoming.roster_imported",
            user=by,
            data={"participants": len(created)},
        )
    return created
