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


OWN_DETAIL_FIELDS = [
    "name_zh",
    "name_pinyin",
    "passport_name",
    "date_of_birth",
    "gender",
    "language",
    "passport_number",
    "passport_expires_on",
    "arrival_at",
    "arrival_details",
    "diet",
    "emergency_contact",
    "insurance_until",
    "visa_until",
]


def update_own_details(participant: Participant, *, data: dict) -> Participant:
    """The participant completes or corrects their details through their link."""
    changed = [name for name in OWN_DETAIL_FIELDS if name in data]
    with transaction.atomic():
        for name in changed:
            setattr(participant, name, data[name])
        participant.save(update_fields=[*changed, "updated_at"])
    return participant


def store_passport(participant: Participant, uploaded, *, content_type: str) -> Participant:
    """Keep the checked passport page (``uploads.check_document``) in private storage,
    replacing an earlier one."""
    old_name = participant.passport_file.name
    with transaction.atomic():
        participant.passport_content_type = content_type
        participant.passport_original_name = uploaded.name[:200]
        participant.passport_file.save(uploaded.name, uploaded, save=False)
        participant.save(
            update_fields=[
                "passport_file",
                "passport_content_type",
                "passport_original_name",
                "updated_at",
            ]
        )
        if old_name:
            storage = participant.passport_file.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return participant


def send_portal_links(cohort: Cohort, *, by) -> int:
    """E-mail every participant their personal link, each in their language."""
    from .emails import send_portal_link

    with transaction.atomic():
        participants = list(
            Participant.objects.active().filter(cohort=cohort).select_related("cohort__partner")
        )
        for participant in participants:
            send_portal_link(participant)
        log(
            instance=cohort,
            action="incoming.links_sent",
            user=by,
            data={"participants": len(participants)},
        )
    return len(participants)


def record_attendance(session, *, present_ids: set[int], by) -> int:
    """Who was at ``session``: everyone of the cohort listed in ``present_ids`` present,
    the others absent. Returns the number present."""
    from .models import Attendance

    with transaction.atomic():
        participants = list(
            Participant.objects.active()
            .filter(cohort_id=session.cohort_id)
            .values_list("pk", flat=True)
        )
        present = set(present_ids) & set(participants)
        existing = {
            attendance.participant_id: attendance
            for attendance in Attendance.objects.filter(session=session)
        }
        changed, new = [], []
        for pk in participants:
            attendance = existing.get(pk)
            if attendance is None:
                new.append(
                    Attendance(
                        session=session, participant_id=pk, present=pk in present, recorded_by=by
                    )
                )
            elif attendance.present != (pk in present):
                attendance.present = pk in present
                attendance.recorded_by = by
                changed.append(attendance)
        Attendance.objects.bulk_create(new)
        Attendance.objects.bulk_update(changed, ["present", "recorded_by"])
        log(
            instance=session.cohort,
            action="incoming.attendance_recorded",
            user=by,
            data={"session": session.title, "present": len(present)},
        )
    return len(present)
