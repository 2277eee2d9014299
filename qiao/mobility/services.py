"""Every write of the mobility app. Each function is one transaction; e-mails are queued
after the commit. The status of an application changes only in ``_change_status``."""

import calendar
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qiao.accounts import audit
from qiao.core.times import dual_time_text

from . import access
from .enums import (
    HOLDS_PLACE,
    NOTE_NO_REPLY,
    NOTE_PLACE_FREED,
    TRANSITIONS,
    UNSUCCESSFUL,
    Actor,
    ApplicationStatus,
    BundleStatus,
)
from .models import (
    Application,
    ApplicationDocument,
    Call,
    DocumentBundle,
    ExperienceReport,
    InterviewSlot,
    Review,
    StatusChange,
    private_storage,
)
from .queries import applicant_label, application_subject
from .uploads import check_document

S = ApplicationStatus


class ApplicationError(Exception):
    """A refused action; its message is shown to the person as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotEligible(ApplicationError):
    """Submission refused by the call's eligibility rules: one message per rule."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


# --- status changes -----------------------------------------------------------------


def _change_status(
    application: Application,
    new_status: str,
    *,
    actor,
    role: str,
    note: str = "",
    reply_by: datetime | None = None,
):
    """The one place that changes an application's status. Call inside a transaction with
    the application row locked. An offer gets its reply-by date (``reply_by`` or the
    call's number of days from now) and a reminder before it."""
    old_status = application.status
    if role not in TRANSITIONS.get((old_status, new_status), ()):
        raise ApplicationError(
            _("An application cannot go from “%(old)s” to “%(new)s”.")
            % {"old": S(old_status).label, "new": S(new_status).label}
        )
    application.status = new_status
    fields = ["status", "updated_at"]
    if new_status == S.SUBMITTED:
        application.submitted_at = timezone.now()
        fields.append("submitted_at")
    if new_status == S.OFFERED:
        application.reply_by = reply_by or default_reply_by(application.call)
        application.offer_reminded_at = None
        fields += ["reply_by", "offer_reminded_at"]
    if old_status == S.WAITLISTED:
        application.waitlist_position = None
        fields.append("waitlist_position")
    application.save(update_fields=fields)
    change = StatusChange.objects.create(
        application=application,
        from_status=old_status,
        to_status=new_status,
        actor=actor if actor and actor.is_authenticated else None,
        note=note,
    )
    audit.record(
        actor,
        audit.STATUS_CHANGED,
        person=applicant_label(application),
        subject=application_subject(application),
        detail=f"{old_status} → {new_status}",
    )
    if new_status == S.WITHDRAWN:
        InterviewSlot.objects.filter(application=application).update(application=None)
    _queue_status_email(change)
    if new_status == S.OFFERED:
        _queue_offer_reminder(application)
    if new_status in (S.ACCEPTED, S.DECLINED, S.WITHDRAWN, S.EXPIRED):
        from .funding import follow_application

        follow_application(application, new_status)
    return change


def default_reply_by(call: Call) -> datetime:
    return timezone.now() + timedelta(days=call.reply_days)


def _queue_offer_reminder(application: Application) -> None:
    """A reminder shortly before the reply-by date where the task backend can wait; the
    periodic job ``send_offer_reminders`` sends any it missed (never twice)."""
    from .tasks import send_offer_reminder

    remind_at = application.reply_by - settings.MOBILITY_OFFER_REMINDER_BEFORE
    application_id = application.pk
    if send_offer_reminder.get_backend().supports_defer and remind_at > timezone.now():
        transaction.on_commit(
            lambda: send_offer_reminder.using(run_after=remind_at).enqueue(application_id)
        )


def _queue_status_email(change: StatusChange) -> None:
    from .tasks import send_status_email

    send_status_email.call(change.pk)  # into the outbox, in this transaction


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("call").get(pk=application.pk)


def _locked_call(call_id: int) -> Call:
    return Call.objects.select_for_update().get(pk=call_id)


def set_application_status(
    application: Application, new_status: str, *, actor, note: str = ""
) -> Application:
    """A coordinator's status change. Offers go through the places check."""
    if not access.is_coordinator(actor):
        raise ApplicationError(_("You may not change the status of this application."))
    if new_status == S.OFFERED:
        return offer_place(application, actor=actor, note=note)
    with transaction.atomic():
        application = _locked(application)
        _change_status(application, new_status, actor=actor, role=Actor.STAFF, note=note)
        if application.status in (S.DECLINED, S.WITHDRAWN):
            _promote_from_waitlist(application.call_id, actor=actor)
    return application


def bulk_set_status(application_ids, new_status: str, *, actor, note: str = "") -> tuple[int, int]:
    """Change many applications; returns (changed, refused). Each is its own transaction."""
    changed = refused = 0
    for application in Application.objects.filter(pk__in=application_ids).order_by("pk"):
        try:
            set_application_status(application, new_status, actor=actor, note=note)
            changed += 1
        except ApplicationError:
            refused += 1
    return changed, refused


# --- the applicant's side -----------------------------------------------------------


def start_application(call: Call, *, applicant, language: str) -> Application:
    """Open a draft for ``call`` (or return the one the applicant already has)."""
    existing = Application.objects.filter(call=call, applicant=applicant).first()
    if existing:
        return existing
    if not call.is_open():
        raise ApplicationError(_("This call is not open for applications."))
    try:
        with transaction.atomic():
            return Application.objects.create(
                call=call,
                applicant=applicant,
                language=language,
                first_name=applicant.first_name,
                last_name=applicant.last_name,
            )
    except IntegrityError:
        return Application.objects.get(call=call, applicant=applicant)


# What an applicant states for the eligibility rules, with its value when not asked.
ELIGIBILITY_FIELDS = {
    "is_enrolled": None,
    "semester": None,
    "grade_average": None,
    "language_level": "",
    "confirms_requirements": False,
}


def save_draft(application: Application, *, by, data: dict, answers: dict, language: str):
    with transaction.atomic():
        application = _locked(application)
        if not access.can_edit_application(by, application):
            raise ApplicationError(_("This application can no longer be changed."))
        for field in ("first_name", "last_name", "study_programme", "motivation"):
            setattr(application, field, data.get(field, ""))
        for field, empty in ELIGIBILITY_FIELDS.items():
            setattr(application, field, data.get(field, empty))
        application.answers = {str(key): value for key, value in answers.items()}
        application.language = language
        application.save(
            update_fields=[
                "first_name",
                "last_name",
                "study_programme",
                "motivation",
                "answers",
                "language",
                "updated_at",
                *ELIGIBILITY_FIELDS,
            ]
        )
    return application


def add_document(application: Application, *, by, document_type: str, uploaded):
    """Store a checked document, replacing an earlier one of the same type."""
    content_type = check_document(uploaded)
    if document_type not in application.call.required_documents:
        raise ValidationError(_("This call does not ask for this document."), code="type")
    with transaction.atomic():
        application = _locked(application)
        if not access.can_edit_application(by, application):
            raise ApplicationError(_("This application can no longer be changed."))
        old = ApplicationDocument.objects.filter(
            application=application, document_type=document_type
        ).first()
        if old:
            _delete_file_on_commit(old.file.name)
            old.delete()
        document = ApplicationDocument(
            application=application,
            document_type=document_type,
            original_name=uploaded.name[:200],
            content_type=content_type,
            size=uploaded.size,
        )
        document.file.save("upload", uploaded, save=False)
        saved_name = document.file.name
        try:
            document.save()
        except Exception:
            private_storage().delete(saved_name)
            raise
    return document


def remove_document(document: ApplicationDocument, *, by) -> None:
    with transaction.atomic():
        application = _locked(document.application)
        if not access.can_edit_application(by, application):
            raise ApplicationError(_("This application can no longer be changed."))
        _delete_file_on_commit(document.file.name)
        document.delete()


def _bundle_files(**filters) -> list[str]:
    return list(
        DocumentBundle.objects.filter(**filters).exclude(file="").values_list("file", flat=True)
    )


def _files_of(applications) -> list[str]:
    """Every stored file of ``applications``: documents, bundles and report photos."""
    names = list(
        ApplicationDocument.objects.filter(application__in=applications).values_list(
            "file", flat=True
        )
    )
    names += _bundle_files(application__in=applications)
    names += list(
        ExperienceReport.objects.filter(application__in=applications)
        .exclude(photo="")
        .values_list("photo", flat=True)
    )
    return names


def _delete_file_on_commit(name: str) -> None:
    transaction.on_commit(lambda: private_storage().delete(name))


def missing_parts(application: Application) -> list[str]:
    """What is still needed before the application can be submitted."""
    missing = []
    if not application.first_name.strip() or not application.last_name.strip():
        missing.append(_("your name"))
    if not application.motivation.strip():
        missing.append(_("your motivation"))
    present = set(application.documents.values_list("document_type", flat=True))
    for value, label in application.call.document_types():
        if value not in present:
            missing.append(str(label))
    for question in application.call.questions.all():
        if question.is_required and not str(application.answers.get(str(question.pk), "")).strip():
            missing.append(question.text)
    return missing


def submit_application(application: Application, *, by, now: datetime | None = None):
    with transaction.atomic():
        application = _locked(application)
        if not access.is_owner(by, application):
            raise ApplicationError(_("You may not submit this application."))
        moment = now or timezone.now()
        if moment >= application.call.closes_at:
            raise ApplicationError(
                _("The application deadline has passed; the application was not submitted.")
            )
        if moment < application.call.opens_at:
            raise ApplicationError(_("This call is not open for applications yet."))
        if application.call.filled_at is not None:
            raise ApplicationError(
                _("All places of this call have been given; it takes no more applications.")
            )
        missing = missing_parts(application)
        if missing:
            raise ApplicationError(
                _("Please complete the application first. Missing: %(parts)s.")
                % {"parts": ", ".join(missing)}
            )
        from .eligibility import unmet_rules

        unmet = unmet_rules(application)
        if unmet:
            raise NotEligible([message for _rule, message in unmet])
        _change_status(application, S.SUBMITTED, actor=by, role=Actor.APPLICANT)
    return application


def _applicant_action(application, new_status, *, by, note=""):
    with transaction.atomic():
        application = _locked(application)
        if not access.is_owner(by, application):
            raise ApplicationError(_("You may not change this application."))
        _change_status(application, new_status, actor=by, role=Actor.APPLICANT, note=note)
        if new_status in (S.DECLINED, S.WITHDRAWN):
            _promote_from_waitlist(application.call_id, actor=None)
    return application


def withdraw_application(application: Application, *, by) -> Application:
    return _applicant_action(application, S.WITHDRAWN, by=by)


def accept_offer(application: Application, *, by, now: datetime | None = None) -> Application:
    """Accepting is possible until the reply-by date; after it the offer has expired."""
    with transaction.atomic():
        application = _locked(application)
        reply_by = application.reply_by
        if application.status == S.OFFERED and reply_by and (now or timezone.now()) >= reply_by:
            raise ApplicationError(
                _(
                    "The reply-by date of this offer has passed; the place can no longer "
                    "be accepted."
                )
            )
        return _applicant_action(application, S.ACCEPTED, by=by)


def decline_offer(application: Application, *, by) -> Application:
    """Declining frees the place: the first on the waiting list is offered it."""
    return _applicant_action(application, S.DECLINED, by=by)


# --- selection within the places -----------------------------------------------------


def _free_places(call: Call) -> int:
    return call.places - call.applications.filter(status__in=HOLDS_PLACE).count()


def _check_may_offer(call: Call) -> None:
    if not call.may_offer_places():
        raise ApplicationError(
            _(
                "Places can be offered only after the application deadline (%(deadline)s), "
                "unless the call has rolling admission."
            )
            % {"deadline": dual_time_text(call.closes_at)}
        )


def _update_filled(call: Call) -> None:
    """A call whose places are all given takes no more applications; one whose place
    became free again (and nobody waits for it) takes them again until its deadline."""
    free = _free_places(call)
    if free <= 0 and call.filled_at is None:
        call.filled_at = timezone.now()
        call.save(update_fields=["filled_at"])
    elif free > 0 and call.filled_at is not None:
        call.filled_at = None
        call.save(update_fields=["filled_at"])


def offer_place(
    application: Application, *, actor, note: str = "", reply_by: datetime | None = None
) -> Application:
    """Offer one place; refused before the deadline (unless the call is rolling) and when
    the call's places are all offered."""
    with transaction.atomic():
        call = _locked_call(application.call_id)  # serialises every offer of this call
        application = _locked(application)
        _check_may_offer(call)
        if _free_places(call) <= 0:
            raise ApplicationError(_("All places of this call have been offered."))
        _change_status(
            application, S.OFFERED, actor=actor, role=Actor.STAFF, note=note, reply_by=reply_by
        )
        _update_filled(call)
    return application


def run_selection(
    call: Call, *, actor, reply_by: datetime | None = None, expected: str | None = None
) -> tuple[int, int]:
    """Offer places to the top of the ranking; put the rest on the waiting list in rank
    order. ``expected`` is the plan the coordinator confirmed (offered ids, then
    waitlisted ids): if the ranking has changed since, nothing happens. Returns
    (offered, waitlisted)."""
    from .queries import selection_plan

    if not access.is_coordinator(actor):
        raise ApplicationError(_("You may not run the selection."))
    if reply_by is not None and reply_by <= timezone.now():
        raise ApplicationError(_("The reply-by date must be in the future."))
    with transaction.atomic():
        call = _locked_call(call.pk)
        _check_may_offer(call)
        plan = selection_plan(call)
        if expected is not None and expected != plan.token():
            raise ApplicationError(
                _("The ranking has changed since you looked at it; please check it again.")
            )
        position = (
            call.applications.aggregate(Max("waitlist_position"))["waitlist_position__max"] or 0
        )
        for application in plan.offers:
            _change_status(application, S.OFFERED, actor=actor, role=Actor.STAFF, reply_by=reply_by)
        for application in plan.waitlist:
            _change_status(application, S.WAITLISTED, actor=actor, role=Actor.STAFF)
            position += 1
            application.waitlist_position = position
            application.save(update_fields=["waitlist_position"])
        _update_filled(call)
    return len(plan.offers), len(plan.waitlist)


def _promote_from_waitlist(call_id: int, *, actor) -> int:
    call = _locked_call(call_id)
    promoted = 0
    free = _free_places(call)
    waiting = call.applications.filter(status=S.WAITLISTED).order_by("waitlist_position", "pk")
    for application in waiting[: max(free, 0)]:
        _change_status(
            application,
            S.OFFERED,
            actor=actor,
            role=Actor.STAFF,
            note=NOTE_PLACE_FREED,
        )
        promoted += 1
    _update_filled(call)
    return promoted


def expire_offers(*, now: datetime | None = None) -> int:
    """Offers not answered by their reply-by date expire; each place goes to the next on
    the waiting list. Returns how many offers expired."""
    now = now or timezone.now()
    expired = 0
    due = Application.objects.filter(status=S.OFFERED, reply_by__lte=now).order_by("reply_by")
    for application_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            _locked_call(Application.objects.get(pk=application_id).call_id)
            application = _locked(Application(pk=application_id))
            if application.status != S.OFFERED or application.reply_by > now:
                continue
            _change_status(
                application,
                S.EXPIRED,
                actor=None,
                role=Actor.STAFF,
                note=NOTE_NO_REPLY,
            )
            _promote_from_waitlist(application.call_id, actor=None)
            expired += 1
    return expired


def remind_offer(application_id: int, *, now: datetime | None = None) -> bool:
    """Send the reminder of an open offer once, when it is due; False if it is not due,
    already sent or the offer is answered."""
    from .emails import send_offer_reminder

    now = now or timezone.now()
    with transaction.atomic():
        claimed = Application.objects.filter(
            pk=application_id,
            status=S.OFFERED,
            offer_reminded_at__isnull=True,
            reply_by__gt=now,
            reply_by__lte=now + settings.MOBILITY_OFFER_REMINDER_BEFORE,
        ).update(offer_reminded_at=now)
        if claimed != 1:
            return False
        application = Application.objects.select_related("call", "applicant").get(pk=application_id)
        send_offer_reminder(application)
    return True


def send_offer_reminders(*, now: datetime | None = None) -> int:
    """The periodic backup of the queued reminders: every due one not yet sent."""
    now = now or timezone.now()
    due = Application.objects.filter(
        status=S.OFFERED,
        offer_reminded_at__isnull=True,
        reply_by__gt=now,
        reply_by__lte=now + settings.MOBILITY_OFFER_REMINDER_BEFORE,
    )
    return sum(remind_offer(pk, now=now) for pk in due.values_list("pk", flat=True))


def change_places(call: Call, *, places: int, actor) -> Call:
    """Change the number of places (the partner raised the quota); raising it offers the
    new places to the waiting list."""
    with transaction.atomic():
        call = _locked_call(call.pk)
        taken = call.places - _free_places(call)
        if places < taken:
            raise ApplicationError(
                _("%(taken)s places are already offered or accepted; the number cannot be lower.")
                % {"taken": taken}
            )
        call.places = places
        call.save(update_fields=["places"])
        _promote_from_waitlist(call.pk, actor=actor)
    return call


# --- review and interviews ------------------------------------------------------------


def save_review(
    application: Application,
    *,
    reviewer,
    score: int,
    comment: str,
    criterion_scores: list[int] = (),
) -> Review:
    if not access.can_review(reviewer, application):
        raise ApplicationError(_("You are not a reviewer of this call."))
    with transaction.atomic():
        review, _created = Review.objects.update_or_create(
            application=application,
            reviewer=reviewer,
            defaults={
                "score": score,
                "comment": comment,
                "criterion_scores": list(criterion_scores),
            },
        )
    return review


def assign_reviewers(call: Call, *, reviewers, actor) -> None:
    if not access.is_coordinator(actor):
        raise ApplicationError(_("You may not assign reviewers."))
    with transaction.atomic():
        call.reviewers.set(reviewers)


def pick_interview_slot(application: Application, slot: InterviewSlot, *, by) -> InterviewSlot:
    with transaction.atomic():
        application = _locked(application)
        if not access.is_owner(by, application) or application.status != S.INTERVIEW:
            raise ApplicationError(_("You cannot choose an interview time for this application."))
        slot = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
        if slot.call_id != application.call_id or (
            slot.application_id and slot.application_id != application.pk
        ):
            raise ApplicationError(
                _("This interview time has just been taken; please choose another.")
            )
        if slot.application_id != application.pk and slot.starts_at <= timezone.now():
            raise ApplicationError(_("This interview time has passed; please choose another."))
        InterviewSlot.objects.filter(application=application).exclude(pk=slot.pk).update(
            application=None
        )
        slot.application = application
        slot.save(update_fields=["application"])
        _queue_interview_emails(slot)
    return slot


INTERVIEW_REMINDER_BEFORE = timedelta(days=1)


def _queue_interview_emails(slot: InterviewSlot) -> None:
    """The confirmation now, and a reminder the day before where the task backend can
    wait (the reminder task sends nothing if the slot has been given up meanwhile)."""
    from .tasks import send_interview_email

    slot_id = slot.pk
    send_interview_email.call(slot_id)  # into the outbox, in this transaction
    remind_at = slot.starts_at - INTERVIEW_REMINDER_BEFORE
    if send_interview_email.get_backend().supports_defer and remind_at > timezone.now():
        transaction.on_commit(
            lambda: send_interview_email.using(run_after=remind_at).enqueue(slot_id, True)
        )


def add_months(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


# --- documents as one PDF -------------------------------------------------------------


def request_bundle(application: Application, *, by, language: str) -> DocumentBundle:
    """Ask the task worker for all documents of ``application`` as one PDF; an earlier
    bundle is replaced when the new one is ready."""
    from .tasks import build_document_bundle

    with transaction.atomic():
        bundle, _created = DocumentBundle.objects.select_for_update().get_or_create(
            application=application,
            defaults={"status": BundleStatus.PREPARING, "language": language},
        )
        bundle.status = BundleStatus.PREPARING
        bundle.language = language
        bundle.requested_by = by
        bundle.requested_at = timezone.now()
        bundle.finished_at = None
        bundle.save(
            update_fields=["status", "language", "requested_by", "requested_at", "finished_at"]
        )
        transaction.on_commit(lambda: build_document_bundle.enqueue(bundle.pk))
    return bundle


def build_bundle(bundle: DocumentBundle) -> None:
    """Build the PDF (in the worker, within its memory and time budget) and store it."""
    from . import bundles

    application = (
        Application.objects.select_related("call", "applicant").filter(pk=bundle.application_id)
    ).get()
    with translation.override(bundle.language):
        cover = bundles.gather_cover(application)
    documents = [
        (private_storage().path(document.file.name), document.content_type)
        for document in application.documents.all()
    ]
    try:
        data = bundles.build_within_budget(cover, documents)
    except bundles.BundleTooLarge:
        data = None
    with transaction.atomic():
        bundle = DocumentBundle.objects.select_for_update().get(pk=bundle.pk)
        old_name = bundle.file.name
        bundle.status = BundleStatus.READY if data is not None else BundleStatus.FAILED
        bundle.finished_at = timezone.now()
        if data is not None:
            bundle.file.save(bundles.file_name(application), ContentFile(data), save=False)
        else:
            bundle.file = ""
        bundle.save(update_fields=["status", "finished_at", "file"])
        if old_name and old_name != bundle.file.name:
            _delete_file_on_commit(old_name)


# --- personal data --------------------------------------------------------------------


def purge_expired_applications(*, now: datetime | None = None) -> int:
    """Delete unsuccessful applications (and their files) whose call closed longer ago than
    its retention period. Returns how many applications were deleted."""
    now = now or timezone.now()
    expired = []
    for call in Call.objects.filter(closes_at__lt=now).only("pk", "closes_at", "retention_months"):
        if add_months(call.closes_at, call.retention_months) <= now:
            expired.append(call.pk)
    with transaction.atomic():
        applications = Application.objects.filter(call_id__in=expired, status__in=UNSUCCESSFUL)
        names = _files_of(applications)
        count = applications.count()
        applications.delete()
        for name in names:
            _delete_file_on_commit(name)
    return count


def delete_personal_data(user) -> None:
    """Delete everything the mobility app holds on ``user`` (their account is next)."""
    with transaction.atomic():
        names = _files_of(Application.objects.filter(applicant=user))
        InterviewSlot.objects.filter(application__applicant=user).update(application=None)
        Application.objects.filter(applicant=user).delete()
        for name in names:
            _delete_file_on_commit(name)


def welcome_new_reviewers(call: Call, *, previous_ids: set[int]) -> list[int]:
    """After the reviewers of ``call`` were saved: each one added e-mails them (in their
    language) a link to their reviews, and to set a password if they have none."""
    from .tasks import send_reviewer_welcome

    added = sorted(set(call.reviewers.values_list("pk", flat=True)) - set(previous_ids))
    for user_id in added:
        send_reviewer_welcome.call(call.pk, user_id)  # into the outbox, in this transaction
    return added
