"""Every write of the incoming groups: roster import, the participant's own changes,
attendance, reminders, the purge. Each function is one transaction; e-mails go through
the outbox in the same transaction."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import Cohort, Participant


class CapacityExceeded(Exception):
    pass


def import_roster(cohort: Cohort, rows: list[dict], *, by) -> list[Participant]:
    """Create the participants of a checked roster (``roster.check_roster``), all or none."""
    with transaction.atomic():
        # Lock the cohort: two imports at once cannot exceed its capacity together.
        locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
        taken = Participant.objects.active().filter(cohort=locked).count()
        if taken + len(rows) > locked.capacity:
            raise CapacityExceeded
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


# --- reminders -------------------------------------------------------------------------


def due_reminders(participant: Participant) -> list[str]:
    """The reminder kinds this participant needs now (whether sent or not)."""
    from .enums import ReminderKind

    cohort = participant.cohort
    kinds = []
    if participant.missing_details():
        kinds.append(ReminderKind.MISSING_DETAILS)
    if participant.insurance_until and participant.insurance_until < cohort.ends_on:
        kinds.append(ReminderKind.INSURANCE)
    if participant.visa_until and participant.visa_until < cohort.ends_on:
        kinds.append(ReminderKind.VISA)
    return kinds


def send_participant_reminders(*, today=None) -> int:
    """For the daily job: each participant of a group starting within
    INCOMING_REMINDER_DAYS (or running) gets each reminder they need once, in their
    language. Idempotent: a reminder sent is recorded and never sent again."""
    from .emails import send_reminder
    from .models import ReminderSent

    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.INCOMING_REMINDER_DAYS)
    participants = (
        Participant.objects.active()
        .filter(cohort__starts_on__lte=horizon, cohort__ends_on__gte=today)
        .select_related("cohort__partner")
        .prefetch_related("reminders")
    )
    sent = 0
    for participant in participants:
        already = {reminder.kind for reminder in participant.reminders.all()}
        for kind in due_reminders(participant):
            if kind in already:
                continue
            with transaction.atomic():
                _record, created = ReminderSent.objects.get_or_create(
                    participant=participant, kind=kind
                )
                if created:
                    send_reminder(participant, kind)
                    sent += 1
    return sent


def send_weekly_digests(*, today=None) -> int:
    """For the daily job: once per ISO week, each coordinator of a group that starts
    within INCOMING_REMINDER_DAYS or is running gets a digest of what is missing."""
    from .emails import send_digest
    from .models import DigestSent

    today = today or timezone.localdate()
    year, week, _day = today.isocalendar()
    key = f"{year}-W{week:02d}"
    horizon = today + timedelta(days=settings.INCOMING_REMINDER_DAYS)
    cohorts = Cohort.objects.filter(starts_on__lte=horizon, ends_on__gte=today).prefetch_related(
        "coordinators"
    )
    sent = 0
    for cohort in cohorts:
        coordinators = [user for user in cohort.coordinators.all() if user.is_active and user.email]
        if not coordinators:
            continue
        with transaction.atomic():
            _record, created = DigestSent.objects.get_or_create(cohort=cohort, week=key)
            if not created:
                continue
            participants = list(
                Participant.objects.active().filter(cohort=cohort).select_related("cohort")
            )
            rows = [
                (participant, due_reminders(participant))
                for participant in participants
                if due_reminders(participant)
            ]
            send_digest(cohort, coordinators, rows)
            sent += 1
    return sent


# --- personal data ---------------------------------------------------------------------


def purge_participants(*, older_than_days: int, today=None) -> int:
    """Erase the personal data of participants whose group ended more than the
    retention period ago: names, contact, passport data and page, travel details,
    reminders and attendance. The row stays, anonymous, so the figures per partner
    and year keep counting it. Returns how many were erased."""
    from qiao.core.verification import forget_subject
    from qiao.outbox import services as outbox_services

    today = today or timezone.localdate()
    cutoff = today - timedelta(days=older_than_days)
    due = list(Participant.objects.active().filter(cohort__ends_on__lt=cutoff))
    for participant in due:
        with transaction.atomic():
            outbox_services.erase_emails_to(participant.email)
            if participant.passport_file:
                name, storage = participant.passport_file.name, participant.passport_file.storage
                transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
            participant.reminders.all().delete()
            participant.attendances.all().delete()
            # The codes of their letters named them: after the retention period the public
            # check says "unknown" rather than show a name we no longer keep.
            forget_subject(participant)
            Participant.objects.filter(pk=participant.pk).update(
                name_zh="",
                name_pinyin="",
                passport_name="",
                date_of_birth=None,
                email="",
                passport_number="",
                passport_expires_on=None,
                passport_file="",
                passport_original_name="",
                passport_content_type="",
                arrival_at=None,
                arrival_details="",
                diet="",
                emergency_contact="",
                insurance_until=None,
                visa_until=None,
                purged_at=timezone.now(),
            )
    return len(due)
