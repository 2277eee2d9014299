"""Every write of the events app: register, confirm, cancel, promote, move, check in.

Seats are taken when a participant confirms their e-mail address (double opt-in), never
when the form is sent. Each function is one transaction that first locks the event row
(``select_for_update``; on SQLite the IMMEDIATE transaction already serialises writers),
counts, then writes: capacity can never be exceeded. A partial unique index on the lower-case
e-mail keeps anybody from being registered twice for the same event.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from qiao.accounts import audit
from qiao.core.models import IssuedDocument

from .enums import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    STATUS_TRANSITIONS,
    QuestionKind,
    RegistrationMode,
    RegistrationStatus,
)
from .models import (
    AnnouncedSchedule,
    CheckIn,
    EventPage,
    EventSession,
    Invitation,
    InvitationStatus,
    Registration,
    SurveyResponse,
)

CONFIRM_SALT = "qiao.events.confirm"
CANCEL_SALT = "qiao.events.cancel"
MANAGE_SALT = "qiao.events.manage"
SURVEY_SALT = "qiao.events.survey"
INVITATION_SALT = "qiao.events.invitation"


class RegistrationError(Exception):
    """A rule of registration was broken; ``message`` is shown to the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class RegistrationClosed(RegistrationError):
    pass


class InvalidTransition(RegistrationError):
    pass


class NoSeatLeft(RegistrationError):
    pass


class InvalidLink(RegistrationError):
    pass


# --- signed links ---------------------------------------------------------------------


def confirmation_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CONFIRM_SALT)


def cancellation_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def survey_token(registration: Registration) -> str:
    """The personal link to the survey after the event."""
    return signing.dumps(registration.pk, salt=SURVEY_SALT)


def manage_token(registration: Registration) -> str:
    """The personal link of a participant: see, change or cancel the registration."""
    return signing.dumps(registration.pk, salt=MANAGE_SALT)


def registration_from_token(token: str, *, purpose: str) -> Registration:
    """The registration a signed link names; InvalidLink if it was changed or has expired."""
    salt = {"confirm": CONFIRM_SALT, "manage": MANAGE_SALT, "survey": SURVEY_SALT}.get(
        purpose, CANCEL_SALT
    )
    max_age = settings.EVENTS_CONFIRMATION_MAX_AGE if purpose == "confirm" else None
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidLink(
            _("This confirmation link has expired. Please register again.")
        ) from error
    except signing.BadSignature as error:
        raise InvalidLink(
            _("This link is not valid. Please use the complete link from the e-mail.")
        ) from error
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None:
        raise InvalidLink(_("This registration no longer exists."))
    return registration


# --- state machine --------------------------------------------------------------------


def registration_subject(registration: Registration) -> str:
    """How the audit trail names a registration."""
    return f"#{registration.pk} {registration.event.title}"


def _set_status(registration: Registration, new_status: str, *, actor=None) -> None:
    """The one place a registration's status changes; enforces STATUS_TRANSITIONS."""
    if new_status not in STATUS_TRANSITIONS[registration.status]:
        raise InvalidTransition(
            _("A registration cannot go from “%(old)s” to “%(new)s”.")
            % {
                "old": RegistrationStatus(registration.status).label,
                "new": RegistrationStatus(new_status).label,
            }
        )
    now = timezone.now()
    stamp_field = {
        RegistrationStatus.CONFIRMED: "confirmed_at",
        RegistrationStatus.WAITLISTED: "waitlisted_at",
        RegistrationStatus.CANCELLED: "cancelled_at",
        RegistrationStatus.ATTENDED: "attended_at",
    }[new_status]
    old_status = registration.status
    registration.status = new_status
    setattr(registration, stamp_field, now)
    registration.save(update_fields=["status", stamp_field])
    audit.record(
        actor,
        audit.STATUS_CHANGED,
        person=audit.person_label(registration.name, registration.email),
        subject=registration_subject(registration),
        detail=f"{old_status} → {new_status}",
    )
    if actor is not None:
        log(
            instance=registration,
            action=f"events.registration.{new_status}",
            user=actor,
            data={"event": registration.event_id},
        )


def _lock_event(event: EventPage) -> EventPage:
    source = event.source_event
    return EventPage.objects.select_for_update(of=("self",)).get(pk=source.pk)


def _lock_registration(registration: Registration) -> Registration:
    return (
        Registration.objects.select_related("event")
        .select_for_update(of=("self",))
        .get(pk=registration.pk)
    )


def _has_room(event: EventPage, registration: Registration) -> bool:
    """Whether the registration (with its accompanying persons) fits in the event's and
    its sessions' capacity. The one place seats are counted for a write; callers hold
    the event lock."""
    from .queries import seats_of

    mode = registration.participation_mode
    holders = Registration.objects.filter(
        event=event, status__in=SEAT_STATUSES, participation_mode=mode
    ).exclude(pk=registration.pk)
    needed = registration.seats
    capacity = event.capacity_for(mode)
    if capacity is not None and event.invitee_seats and not registration.invited:
        if mode == event.participation_modes[0]:
            # Seats reserved for invitees and not yet taken by them stay out of reach.
            reserved = max(0, event.invitee_seats - seats_of(holders.filter(invited=True)))
            capacity = max(0, capacity - reserved)
    if capacity is not None and seats_of(holders) + needed > capacity:
        return False
    if event.registration_mode == RegistrationMode.SESSIONS:
        for session in registration.sessions.all():
            capacity = session.capacity_for(mode)
            if capacity is not None and seats_of(holders.filter(sessions=session)) + needed > (
                capacity
            ):
                return False
    return True


def _check_companions(event: EventPage, companions: int) -> int:
    if companions < 0 or companions > event.max_companions:
        raise RegistrationError(
            _("You may bring at most %(count)d accompanying persons.")
            % {"count": event.max_companions}
        )
    return companions


def _take_seat_or_waitlist(event: EventPage, registration: Registration, *, actor=None) -> None:
    from . import tasks

    if _has_room(event, registration):
        _set_status(registration, RegistrationStatus.CONFIRMED, actor=actor)
        _queue_email(tasks.send_status_mail, registration.pk, "confirmed")
        _schedule_reminder(event, registration)
    else:
        _set_status(registration, RegistrationStatus.WAITLISTED, actor=actor)
        _queue_email(tasks.send_status_mail, registration.pk, "waitlisted")


def _promote_waitlisted(event: EventPage, *, actor=None) -> list[Registration]:
    """Give free seats to the waitlist in order (first come, first served)."""
    from . import tasks

    promoted = []
    waiting = Registration.objects.filter(
        event=event, status=RegistrationStatus.WAITLISTED
    ).order_by("waitlisted_at", "pk")
    for candidate in waiting:
        if _has_room(event, candidate):
            _set_status(candidate, RegistrationStatus.CONFIRMED, actor=actor)
            _queue_email(tasks.send_status_mail, candidate.pk, "promoted")
            _schedule_reminder(event, candidate)
            promoted.append(candidate)
    return promoted


def _queue_email(task, *args) -> None:
    """Write the e-mail into the outbox now, in the transaction of the change that causes
    it (the task's function renders it); the worker delivers it after the commit."""
    task.call(*args)


def _schedule_reminder(event: EventPage, registration: Registration) -> None:
    from . import tasks

    backend = tasks.send_reminder.get_backend()
    remind_at = event.start - timedelta(hours=settings.EVENTS_REMINDER_HOURS_BEFORE)
    if backend.supports_defer and remind_at > timezone.now():
        pk = registration.pk
        transaction.on_commit(lambda: tasks.send_reminder.using(run_after=remind_at).enqueue(pk))


# --- the participant's steps ----------------------------------------------------------


def register_for_event(
    event: EventPage,
    *,
    name: str,
    email: str,
    affiliation: str,
    participation_mode: str,
    language: str,
    institution: str = "",
    answers: dict | None = None,
    sessions: Iterable[EventSession] = (),
    by=None,
    past_capacity_reason: str = "",
    companions: int = 0,
    invitation: Invitation | None = None,
) -> Registration:
    """Record a registration and send the confirmation link. A coordinator's manual
    registration (``by``) needs no e-mail confirmation: it takes a seat or joins the
    waitlist at once; with ``past_capacity_reason`` it takes a seat even when none is
    free (the reason is logged). Registering again with the same e-mail returns the
    existing registration (and sends the link again while it is unconfirmed)."""
    from . import tasks

    with transaction.atomic():
        event = _lock_event(event)
        if by is None and not event.is_registration_open():
            raise RegistrationClosed(_("Registration for this event is closed."))
        if by is None and invitation is None and event.invitation_only:
            raise RegistrationClosed(
                _("This event is by invitation only. Please use the link in your invitation.")
            )
        if participation_mode not in event.participation_modes:
            raise RegistrationError(_("Choose how you will take part."))
        sessions = list(sessions)
        if any(session.event_id != event.pk for session in sessions):
            raise RegistrationError(_("Choose sessions of this event."))
        if event.registration_mode == RegistrationMode.SESSIONS and not sessions:
            raise RegistrationError(_("Choose at least one session."))
        _check_companions(event, companions)
        existing = Registration.objects.filter(
            event=event, email__iexact=email, status__in=ACTIVE_STATUSES
        ).first()
        if existing is not None:
            if existing.status == RegistrationStatus.PENDING and by is None:
                _queue_email(tasks.send_confirmation_request, existing.pk)
            return existing
        registration = Registration.objects.create(
            event=event,
            name=name,
            email=email,
            affiliation=affiliation,
            institution=institution,
            participation_mode=participation_mode,
            language=language,
            answers=answers or {},
            companions=companions,
            invited=invitation is not None,
        )
        if event.registration_mode == RegistrationMode.SESSIONS:
            registration.sessions.set(sessions)
        if invitation is not None:
            # The invitation link proves the address: no confirmation e-mail.
            _take_seat_or_waitlist(event, registration)
        elif by is None:
            _queue_email(tasks.send_confirmation_request, registration.pk)
        else:
            log(instance=registration, action="events.registration.added", user=by)
            if past_capacity_reason.strip() and not _has_room(event, registration):
                _confirm_past_capacity(event, registration, by=by, reason=past_capacity_reason)
            else:
                _take_seat_or_waitlist(event, registration, actor=by)
    return registration


def confirm_registration(registration: Registration) -> Registration:
    """The participant confirmed their e-mail address: a seat, or a place on the waitlist.
    Confirming twice changes nothing."""
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = _lock_registration(registration)
        if registration.status != RegistrationStatus.PENDING:
            return registration
        if timezone.now() >= event.start:
            raise RegistrationClosed(_("This event has already begun."))
        _take_seat_or_waitlist(event, registration)
    return registration


def cancel_registration(registration: Registration, *, by=None) -> Registration:
    """Cancel, and give a freed seat to the first on the waitlist who fits."""
    from . import tasks

    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = _lock_registration(registration)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        if by is None and timezone.now() >= event.end:
            raise RegistrationClosed(
                _("This event is over; the registration can no longer be cancelled.")
            )
        held_seat = registration.status in SEAT_STATUSES
        _set_status(registration, RegistrationStatus.CANCELLED, actor=by)
        _queue_email(tasks.send_status_mail, registration.pk, "cancelled")
        if held_seat:
            _promote_waitlisted(event, actor=by)
    return registration


def change_registration(
    registration: Registration,
    *,
    participation_mode: str,
    sessions: Iterable[EventSession] = (),
    answers: dict | None = None,
    companions: int | None = None,
) -> Registration:
    """The participant changes sessions, on site / online or answers through their
    personal link, until the registration deadline. A confirmed registration keeps its
    seat only if the new choice fits, counted exactly as at registration (``_has_room``
    under the event lock); otherwise nothing changes. Seats freed by the change go to the
    waitlist in order."""
    from . import tasks

    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = _lock_registration(registration)
        if registration.status not in (
            RegistrationStatus.PENDING,
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITLISTED,
        ):
            raise InvalidTransition(_("This registration can no longer be changed."))
        if not event.is_registration_open():
            raise RegistrationClosed(
                _("Changes are possible only until the registration deadline.")
            )
        if participation_mode not in event.participation_modes:
            raise RegistrationError(_("Choose how you will take part."))
        sessions = list(sessions)
        if any(session.event_id != event.pk for session in sessions):
            raise RegistrationError(_("Choose sessions of this event."))
        if event.registration_mode == RegistrationMode.SESSIONS and not sessions:
            raise RegistrationError(_("Choose at least one session."))
        registration.participation_mode = participation_mode
        if answers is not None:
            registration.answers = answers
        if companions is not None:
            registration.companions = _check_companions(event, companions)
        registration.save(update_fields=["participation_mode", "answers", "companions"])
        if event.registration_mode == RegistrationMode.SESSIONS:
            registration.sessions.set(sessions)
        if registration.status == RegistrationStatus.CONFIRMED and not _has_room(
            event, registration
        ):
            # Raising rolls the whole change back: the old choice and seat stay.
            raise NoSeatLeft(
                _("There is no free seat for this choice. Your registration stays as it was.")
            )
        if registration.status == RegistrationStatus.CONFIRMED:
            _queue_email(tasks.send_status_mail, registration.pk, "changed")
        _promote_waitlisted(event)
        registration.refresh_from_db(fields=["status"])
    return registration


# --- the coordinator's steps ----------------------------------------------------------


def move_registration(registration: Registration, *, to_status: str, by) -> Registration:
    """Move between waitlist and confirmed. A confirmation needs a free seat."""
    from . import tasks

    if to_status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
        raise InvalidTransition(_("Registrations can only be moved to confirmed or waitlist."))
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = _lock_registration(registration)
        if registration.status == to_status:
            return registration
        if to_status == RegistrationStatus.CONFIRMED and not _has_room(event, registration):
            raise NoSeatLeft(_("No seat is free. Cancel a registration or raise the capacity."))
        _set_status(registration, to_status, actor=by)
        kind = "confirmed" if to_status == RegistrationStatus.CONFIRMED else "waitlisted"
        _queue_email(tasks.send_status_mail, registration.pk, kind)
        if to_status == RegistrationStatus.CONFIRMED:
            _schedule_reminder(event, registration)
    return registration


def _confirm_past_capacity(event, registration, *, by, reason: str) -> None:
    """A coordinator gives a seat although none is free; the reason goes into the page
    log and the audit trail."""
    from . import tasks

    reason = reason.strip()
    if not reason:
        raise RegistrationError(_("Give the reason for a seat past the capacity."))
    _set_status(registration, RegistrationStatus.CONFIRMED, actor=by)
    log(
        instance=registration,
        action="events.registration.past_capacity",
        user=by,
        data={"event": event.pk, "reason": reason},
    )
    audit.record(
        by,
        audit.STATUS_CHANGED,
        person=audit.person_label(registration.name, registration.email),
        subject=registration_subject(registration),
        detail=f"past capacity: {reason}",
    )
    _queue_email(tasks.send_status_mail, registration.pk, "confirmed")
    _schedule_reminder(event, registration)


def confirm_past_capacity(registration: Registration, *, by, reason: str) -> Registration:
    """Confirm a waitlisted (or unconfirmed) registration even if no seat is free."""
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = _lock_registration(registration)
        if registration.status not in (
            RegistrationStatus.WAITLISTED,
            RegistrationStatus.PENDING,
        ):
            raise InvalidTransition(_("Only waitlisted or unconfirmed registrations can be added."))
        _confirm_past_capacity(event, registration, by=by, reason=reason)
    return registration


def fill_free_seats(event: EventPage, *, by) -> list[Registration]:
    """After the capacity was raised: promote from the waitlist as far as seats allow."""
    with transaction.atomic():
        event = _lock_event(event)
        return _promote_waitlisted(event, actor=by)


def check_in(registration: Registration, *, by, session: EventSession | None = None):
    """Check in for the whole event or one session; the first check-in marks the
    registration as attended. Checking in twice changes nothing."""
    with transaction.atomic():
        _lock_event(registration.event)
        registration = _lock_registration(registration)
        _record_check_in(registration, session=session, by=by)
    return registration


def _record_check_in(registration: Registration, *, session, by) -> CheckIn:
    existing = CheckIn.objects.filter(registration=registration, session=session).first()
    if existing is not None:
        return existing
    if registration.status == RegistrationStatus.CONFIRMED:
        _set_status(registration, RegistrationStatus.ATTENDED, actor=by)
    elif registration.status != RegistrationStatus.ATTENDED:
        raise InvalidTransition(_("Only confirmed participants can be checked in."))
    return CheckIn.objects.create(
        registration=registration,
        session=session,
        participation_mode=registration.participation_mode,
        checked_in_at=timezone.now(),
        checked_in_by=by,
    )


def undo_check_in(registration: Registration, *, by) -> Registration:
    with transaction.atomic():
        _lock_event(registration.event)
        registration = _lock_registration(registration)
        _set_status(registration, RegistrationStatus.CONFIRMED, actor=by)
        CheckIn.objects.filter(registration=registration).delete()
    return registration


# --- check-in by code (the QR code of the confirmation) --------------------------------

CHECK_IN_SALT = "qiao.events.check_in"


def check_in_code(registration: Registration) -> str:
    """A short code that names one registration and cannot be guessed: "42-1A2B3C4D".
    It is drawn as a QR code in the confirmation and can be typed by hand."""
    digest = salted_hmac(CHECK_IN_SALT, str(registration.pk)).hexdigest()[:8].upper()
    return f"{registration.pk}-{digest}"


def registration_from_code(event: EventPage, code: str) -> Registration | None:
    pk, _dash, digest = code.strip().upper().partition("-")
    if not pk.isdigit():
        return None
    expected = salted_hmac(CHECK_IN_SALT, str(int(pk))).hexdigest()[:8].upper()
    if not constant_time_compare(digest, expected):
        return None
    return (
        Registration.objects.filter(pk=int(pk), event=event.source_event)
        .prefetch_related("sessions")
        .first()
    )


@dataclass(frozen=True)
class CheckInResult:
    """What the check-in page shows: valid, already, wrong_session, not_confirmed, unknown."""

    outcome: str
    registration: Registration | None = None
    check_in: CheckIn | None = None


def check_in_by_code(
    event: EventPage, code: str, *, session: EventSession | None = None, by
) -> CheckInResult:
    """Check in the registration a code names, for the event or one of its sessions."""
    registration = registration_from_code(event, code)
    if registration is None:
        return CheckInResult("unknown")
    return check_in_registration(registration, session=session, by=by)


def check_in_registration(
    registration: Registration, *, session: EventSession | None = None, by
) -> CheckInResult:
    with transaction.atomic():
        _lock_event(registration.event)
        registration = _lock_registration(registration)
        if registration.status not in SEAT_STATUSES:
            return CheckInResult("not_confirmed", registration)
        if session is not None and not registration.sessions.filter(pk=session.pk).exists():
            if registration.event.registration_mode == RegistrationMode.SESSIONS:
                return CheckInResult("wrong_session", registration)
        existing = (
            CheckIn.objects.select_related("checked_in_by")
            .filter(registration=registration, session=session)
            .first()
        )
        if existing is not None:
            return CheckInResult("already", registration, existing)
        return CheckInResult(
            "valid", registration, _record_check_in(registration, session=session, by=by)
        )


def email_participants(
    event: EventPage,
    *,
    subjects: dict[str, str],
    bodies: dict[str, str],
    statuses: Iterable[str],
    sessions: Iterable[EventSession] = (),
    by,
) -> int:
    """Queue a coordinator's message (one text per language, with placeholders) to every
    registration with one of ``statuses`` (and, if given, one of ``sessions``). The log
    entry keeps what was sent and to how many."""
    from . import queries, tasks

    statuses = [str(status) for status in statuses]
    sessions = list(sessions)
    with transaction.atomic():
        source = event.source_event
        recipients = list(
            queries.message_audience(source, statuses=statuses, sessions=sessions).values_list(
                "pk", flat=True
            )
        )
        log(
            instance=source,
            action="events.participants_emailed",
            user=by,
            data={
                "subject": next((text for text in subjects.values() if text), ""),
                "recipients": len(recipients),
                "statuses": statuses,
                "sessions": [session.pk for session in sessions],
            },
        )
        for pk in recipients:
            _queue_email(tasks.send_participant_message, pk, subjects, bodies)
    return len(recipients)


def send_test_message(
    registration: Registration, *, subjects: dict[str, str], bodies: dict[str, str], to: str
) -> None:
    """The message as ``registration`` would receive it, to the coordinator's address."""
    from . import emails

    with transaction.atomic():
        emails.send_test_message(registration, subjects, bodies, to=to)


def announce_schedule_change(event: EventPage, *, notify: bool = True) -> int:
    """Called when an event is published: if its time or place changed since participants
    were last told, tell everyone confirmed, checked in or waiting (unless ``notify`` is
    off: a typo fixed). Returns how many were told."""
    from . import queries, tasks

    with transaction.atomic():
        event = _lock_event(event)
        current = {
            "start": event.start,
            "end": event.end,
            "place": event.place,
            "address": event.address,
        }
        announced, created = AnnouncedSchedule.objects.get_or_create(event=event, defaults=current)
        if created or all(getattr(announced, key) == value for key, value in current.items()):
            return 0
        for key, value in current.items():
            setattr(announced, key, value)
        announced.save()
        if not notify:
            return 0
        recipients = list(queries.schedule_notice_audience(event).values_list("pk", flat=True))
        Registration.objects.filter(pk__in=recipients).update(reminder_sent_at=None)
        for pk in recipients:
            _queue_email(tasks.send_change_notice, pk)
        for pk in recipients:
            registration = Registration(pk=pk, event=event)
            _schedule_reminder(event, registration)
    return len(recipients)


def announce_session_change(
    session: EventSession, *, previous: EventSession, notify: bool, by
) -> int:
    """After a session was saved: if its time or place differs from ``previous`` (the row
    as it was), tell its participants (when ``notify``). Returns how many were told."""
    from . import queries, tasks

    keys = ("start", "end", "place")
    if all(getattr(previous, key) == getattr(session, key) for key in keys):
        return 0
    with transaction.atomic():
        _lock_event(session.event)
        recipients = (
            list(queries.session_notice_audience(session).values_list("pk", flat=True))
            if notify
            else []
        )
        log(
            instance=session.event,
            action="events.session_changed",
            user=by,
            data={"session": session.pk, "recipients": len(recipients)},
        )
        for pk in recipients:
            _queue_email(tasks.send_session_change_notice, pk, session.pk)
    return len(recipients)


def mark_reminder_sent(registration: Registration) -> bool:
    """Claim the reminder of a confirmed registration whose event is near; False if it is
    not due, or was sent already (so two workers never send it twice)."""
    due_from = registration.event.start - timedelta(hours=settings.EVENTS_REMINDER_HOURS_BEFORE)
    now = timezone.now()
    if not (due_from - timedelta(minutes=5) <= now < registration.event.start):
        return False
    updated = Registration.objects.filter(
        pk=registration.pk, status=RegistrationStatus.CONFIRMED, reminder_sent_at__isnull=True
    ).update(reminder_sent_at=now)
    return updated == 1


def due_reminders(now=None) -> list[int]:
    now = now or timezone.now()
    until = now + timedelta(hours=settings.EVENTS_REMINDER_HOURS_BEFORE)
    return list(
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__start__gt=now,
            event__start__lte=until,
        ).values_list("pk", flat=True)
    )


def clean_answers(questions, data: dict) -> dict:
    """Answers keyed by question id, as stored (yes/no as booleans)."""
    answers = {}
    for question in questions:
        value = data.get(f"question_{question.pk}")
        if question.kind == QuestionKind.YES_NO:
            value = value == "yes" if value in ("yes", "no") else None
        if value not in (None, ""):
            answers[str(question.pk)] = value
    return answers


def purge_past_registrations(*, older_than_days: int, now=None) -> int:
    """Erase the personal data of registrations for events that ended more than
    ``older_than_days`` ago. Status, affiliation, mode and check-in stay, so attendance
    numbers for reports survive; name, e-mail, institution and answers go."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=older_than_days)
    with transaction.atomic():
        expired = Registration.objects.filter(event__end__lt=cutoff).exclude(
            email__endswith=PURGED_EMAIL_DOMAIN
        )
        # Certificates named them: their codes go too (the public check then says
        # "unknown" rather than show a name we no longer keep).
        IssuedDocument.objects.filter(
            content_type=ContentType.objects.get_for_model(Registration),
            object_id__in=expired.values("pk"),
        ).delete()
        return expired.update(
            name="",
            email=Concat(Cast("pk", models.CharField()), Value(PURGED_EMAIL_DOMAIN)),
            institution="",
            answers={},
        )


PURGED_EMAIL_DOMAIN = "@purged.invalid"


# --- the survey after the event -------------------------------------------------------


class AlreadyAnswered(RegistrationError):
    pass


def survey_due_from(event: EventPage):
    """The survey goes out from midnight (Berlin) after the day the event ends."""
    from qiao.core.times import in_berlin

    end_day = in_berlin(event.end).date()
    midnight = datetime.combine(end_day + timedelta(days=1), time(0, 0))
    return timezone.make_aware(midnight, ZoneInfo(settings.TIME_ZONE))


def due_surveys(now=None) -> list[int]:
    """Registrations (checked in, of events with a survey) whose survey link is due and
    not sent yet, within EVENTS_SURVEY_WINDOW_DAYS of the end."""
    now = now or timezone.now()
    window = timedelta(days=settings.EVENTS_SURVEY_WINDOW_DAYS + 1)
    events = [
        event
        for event in EventPage.objects.filter(
            survey_enabled=True, end__lt=now, end__gt=now - window
        )
        if event.pk == event.source_event.pk and survey_due_from(event) <= now
    ]
    return list(
        Registration.objects.filter(
            event__in=events,
            status=RegistrationStatus.ATTENDED,
            survey_sent_at__isnull=True,
        ).values_list("pk", flat=True)
    )


def claim_survey(registration_id: int) -> bool:
    """Mark the survey of one registration as sent; False if it was sent already (so a
    second run, or a second worker, never sends it twice)."""
    updated = Registration.objects.filter(
        pk=registration_id, status=RegistrationStatus.ATTENDED, survey_sent_at__isnull=True
    ).update(survey_sent_at=timezone.now())
    return updated == 1


def send_due_surveys(now=None) -> int:
    """The periodic job: e-mail every due survey link once. Returns how many."""
    from . import tasks

    sent = 0
    for pk in due_surveys(now):
        with transaction.atomic():
            if claim_survey(pk):
                _queue_email(tasks.send_survey_invitation, pk)
                sent += 1
    return sent


def answer_survey(registration: Registration, *, rating: int, comment: str = ""):
    """Record the participant's answer, once. Anonymous surveys keep no link between the
    answer and the person."""
    if rating not in range(1, 6):
        raise RegistrationError(_("Choose a rating from 1 to 5."))
    with transaction.atomic():
        registration = _lock_registration(registration)
        event = registration.event.source_event
        if not event.survey_enabled or registration.status != RegistrationStatus.ATTENDED:
            raise InvalidLink(_("This survey is not open to you."))
        if registration.survey_answered:
            raise AlreadyAnswered(
                _("You have already answered this survey. Thank you, your answer is saved.")
            )
        registration.survey_answered = True
        registration.save(update_fields=["survey_answered"])
        return SurveyResponse.objects.create(
            event=event,
            registration=None if event.survey_anonymous else registration,
            rating=rating,
            comment=comment.strip(),
            language=registration.language,
        )


# --- certificates of attendance --------------------------------------------------------


def issue_certificates(event: EventPage, *, by) -> int:
    """Issue the certificate of everyone checked in who has none yet and e-mail each a
    download link. Returns how many were issued; a second run issues none."""
    from . import certificates, tasks

    with transaction.atomic():
        event = _lock_event(event)
        due = list(
            Registration.objects.select_related("event").filter(
                event=event,
                status=RegistrationStatus.ATTENDED,
                certificate_issued_at__isnull=True,
            )
        )
        now = timezone.now()
        for registration in due:
            certificates.issue(registration, by=by)
            registration.certificate_issued_at = now
            registration.save(update_fields=["certificate_issued_at"])
            _queue_email(tasks.send_certificate_mail, registration.pk)
        log(
            instance=event,
            action="events.certificates_issued",
            user=by,
            data={"count": len(due)},
        )
    return len(due)


# --- invitations -----------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    try:
        pk = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature as error:
        raise InvalidLink(
            _("This link is not valid. Please use the complete link from the e-mail.")
        ) from error
    invitation = Invitation.objects.select_related("event", "registration").filter(pk=pk).first()
    if invitation is None:
        raise InvalidLink(_("This invitation no longer exists."))
    return invitation


def taken_emails(event: EventPage) -> set[str]:
    """Addresses already invited to, or actively registered for, the event (lower case)."""
    source = event.source_event
    invited = Invitation.objects.filter(event=source).values_list("email", flat=True)
    registered = Registration.objects.filter(event=source, status__in=ACTIVE_STATUSES).values_list(
        "email", flat=True
    )
    return {email.lower() for email in [*invited, *registered]}


def import_invitations(event: EventPage, content: bytes, *, by):
    """Read a CSV list of invitees; with no error in any row, create the invitations and
    e-mail each their link. Returns the parsed list (its errors, or who was invited)."""
    from . import invitations, tasks

    with transaction.atomic():
        event = _lock_event(event)
        parsed = invitations.parse(content, taken_emails=taken_emails(event))
        if parsed.errors:
            return parsed
        for invitee in parsed.invitees:
            invitation = Invitation.objects.create(
                event=event,
                name=invitee.name,
                email=invitee.email,
                language=invitee.language,
                organisation=invitee.organisation,
                note=invitee.note,
            )
            _queue_email(tasks.send_invitation, invitation.pk, "invitation")
        log(
            instance=event,
            action="events.invitations_imported",
            user=by,
            data={"count": len(parsed.invitees)},
        )
    return parsed


def accept_invitation(invitation: Invitation, **fields) -> Registration:
    """The invitee registers through their link (no e-mail confirmation needed)."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != InvitationStatus.OPEN:
            raise InvalidTransition(_("You have already answered this invitation."))
        registration = register_for_event(
            invitation.event,
            name=fields.pop("name", invitation.name),
            email=invitation.email,
            language=invitation.language,
            institution=fields.pop("institution", invitation.organisation),
            invitation=invitation,
            **fields,
        )
        invitation.status = InvitationStatus.ACCEPTED
        invitation.registration = registration
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "registration", "answered_at"])
    return registration


def decline_invitation(invitation: Invitation) -> Invitation:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != InvitationStatus.OPEN:
            raise InvalidTransition(_("You have already answered this invitation."))
        invitation.status = InvitationStatus.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
    return invitation


def remind_invitees(event: EventPage, *, by) -> int:
    """Remind, once, everyone invited who has not answered. Returns how many."""
    from . import tasks

    with transaction.atomic():
        event = _lock_event(event)
        due = list(
            Invitation.objects.filter(
                event=event, status=InvitationStatus.OPEN, reminded_at__isnull=True
            ).values_list("pk", flat=True)
        )
        Invitation.objects.filter(pk__in=due).update(reminded_at=timezone.now())
        for pk in due:
            _queue_email(tasks.send_invitation, pk, "invitation_reminder")
        log(
            instance=event,
            action="events.invitees_reminded",
            user=by,
            data={"count": len(due)},
        )
    return len(due)
