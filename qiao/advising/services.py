"""Every write of the advising app: slots, bookings and their status, notes, purge.

Booking is a double opt-in with a short hold: a new booking is PENDING and holds its slot
for ADVISING_HOLD_MINUTES; the person confirms with the link sent by e-mail. A pending
booking not confirmed in time no longer holds the slot and is marked EXPIRED the next time
anyone touches the slot or the person books again."""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from qiao.accounts import audit

from . import tasks
from .enums import BOOKING_TRANSITIONS, HOLDING_STATUSES, BookingStatus
from .models import AvailabilityRule, BlockedDay, Booking, Slot, Topic
from .slotting import slot_starts


class BookingError(Exception):
    message = _("The booking could not be made.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class SlotTaken(BookingError):
    message = _("Sorry, this time was just taken. Please choose another one.")


class BookingClosed(BookingError):
    message = _("Booking for this time has closed. Please choose a later one.")


class AlreadyBooked(BookingError):
    message = _(
        "You already have an open appointment on this topic. Cancel or change it with the "
        "link in your e-mail before booking another one."
    )


class HoldExpired(BookingError):
    message = _("This link has expired. The time was released; please book again.")


class InvalidTransition(BookingError):
    message = _("This change is not possible in the booking's current state.")


def booking_closes_at(slot: Slot):
    return slot.starts_at - timedelta(minutes=settings.ADVISING_BOOKING_CLOSES_MINUTES)


# --- slots -------------------------------------------------------------------------------


def generate_slots(*, start: date, end: date) -> int:
    """Create the slots of every weekly-hours rule for the days start..end (inclusive),
    leaving out blocked days. Running it again creates nothing twice. Returns the count."""
    rules = list(
        AvailabilityRule.objects.filter(
            advisor__is_active=True, topic__is_active=True, valid_from__lte=end
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=start))
        .select_related("topic")
    )
    blocked = {
        (day.date, day.advisor_id)
        for day in BlockedDay.objects.filter(date__gte=start, date__lte=end)
    }
    new_slots = []
    day = start
    while day <= end:
        for rule in rules:
            if rule.weekday != day.weekday() or not _rule_applies(rule, day):
                continue
            if (day, None) in blocked or (day, rule.advisor_id) in blocked:
                continue
            length = rule.topic.slot_length
            for starts_at in slot_starts(day, rule.start_time, rule.end_time, length):
                new_slots.append(
                    Slot(
                        advisor_id=rule.advisor_id,
                        topic_id=rule.topic_id,
                        starts_at=starts_at,
                        ends_at=starts_at + length,
                        mode=rule.mode,
                        room=rule.room,
                        online_link=rule.online_link,
                        rule=rule,
                    )
                )
        day += timedelta(days=1)
    with transaction.atomic():
        before = Slot.objects.count()
        Slot.objects.bulk_create(new_slots, ignore_conflicts=True)
        return Slot.objects.count() - before


def _rule_applies(rule: AvailabilityRule, day: date) -> bool:
    return rule.valid_from <= day and (rule.valid_until is None or day <= rule.valid_until)


# --- booking -----------------------------------------------------------------------------


def book_appointment(
    slot: Slot,
    *,
    name: str,
    email: str,
    person_status: str,
    question: str,
    language: str,
) -> Booking:
    """Hold a free slot for a person and send the confirmation link.

    Raises SlotTaken, BookingClosed or AlreadyBooked and then changes nothing."""
    email = email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        # Lock order everywhere: topic, then slot. The topic lock serialises one person's
        # bookings per topic on PostgreSQL (SQLite's IMMEDIATE transactions do it anyway).
        Topic.objects.select_for_update().get(pk=slot.topic_id)
        slot = Slot.objects.select_for_update().select_related("topic", "advisor").get(pk=slot.pk)
        if booking_closes_at(slot) <= now:
            raise BookingClosed()
        _expire_stale_holds(Q(slot=slot) | Q(email=email, slot__topic=slot.topic), now)
        if Booking.objects.filter(slot=slot, status__in=HOLDING_STATUSES).exists():
            raise SlotTaken()
        if has_open_booking(email=email, topic=slot.topic, now=now):
            raise AlreadyBooked()
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    slot=slot,
                    name=name.strip(),
                    email=email,
                    person_status=person_status,
                    question=question.strip(),
                    language=language,
                    status=BookingStatus.PENDING,
                    hold_expires_at=now + timedelta(minutes=settings.ADVISING_HOLD_MINUTES),
                    status_changed_at=now,
                )
        except IntegrityError as error:  # the unique constraint, should the lock be missed
            raise SlotTaken() from error
        tasks.send_booking_email.call(booking.pk, "confirm")
    return booking


def has_open_booking(*, email: str, topic: Topic, now=None) -> bool:
    now = now or timezone.now()
    return (
        Booking.objects.filter(email=email.strip().lower(), slot__topic=topic)
        .filter(Q(status=BookingStatus.CONFIRMED) | Q(status=BookingStatus.PENDING))
        .filter(slot__ends_at__gt=now)
        .exclude(status=BookingStatus.PENDING, hold_expires_at__lte=now)
        .exists()
    )


def _expire_stale_holds(where: Q, now) -> None:
    Booking.objects.filter(where, status=BookingStatus.PENDING, hold_expires_at__lte=now).update(
        status=BookingStatus.EXPIRED, status_changed_at=now
    )


def confirm_booking(booking: Booking) -> Booking:
    """The person clicked the link in the e-mail: the slot is theirs. Confirming twice is
    harmless."""
    now = timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == BookingStatus.CONFIRMED:
            return booking
        expired = booking.status == BookingStatus.PENDING and booking.hold_expires_at <= now
        if expired:
            _change_status(booking, BookingStatus.EXPIRED, now=now)
        else:
            _change_status(booking, BookingStatus.CONFIRMED, now=now)
            _after_confirmation(booking.pk)
    if expired:  # raised after the commit, so that the hold is recorded as expired
        raise HoldExpired()
    return booking


def _after_confirmation(booking_id: int) -> None:
    """In the confirming transaction: the e-mails go into the outbox, the reminder is
    scheduled once committed."""
    tasks.send_booking_email.call(booking_id, "confirmed")
    tasks.notify_advisor.call(booking_id, "booked")
    transaction.on_commit(lambda: schedule_reminder(booking_id))


def schedule_reminder(booking_id: int) -> None:
    """Queue the reminder for the day before, where the task backend can defer tasks.
    Without one, `manage.py send_advising_reminders` (run by cron) sends them."""
    backend = tasks.send_booking_reminder.get_backend()
    if not backend.supports_defer:
        return
    booking = Booking.objects.select_related("slot").get(pk=booking_id)
    run_after = booking.slot.starts_at - timedelta(hours=settings.ADVISING_REMINDER_HOURS)
    if run_after > timezone.now():
        tasks.send_booking_reminder.using(run_after=run_after).enqueue(booking_id)


def cancel_booking(booking: Booking, *, by_user=None) -> Booking:
    """Cancel by the person (signed link) or by staff; the slot becomes free again."""
    now = timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
        if by_user is None and booking.slot.starts_at <= now:
            raise InvalidTransition(_("This appointment has already begun or is over."))
        was_confirmed = booking.status == BookingStatus.CONFIRMED
        _change_status(booking, BookingStatus.CANCELLED, now=now, actor=by_user)
        if by_user is None:
            tasks.send_booking_email.call(booking.pk, "cancelled")
        if was_confirmed:
            tasks.notify_advisor.call(booking.pk, "cancelled")
    return booking


def rebook(booking: Booking, *, slot: Slot) -> Booking:
    """Move a confirmed booking to another free slot of the same topic in one step."""
    now = timezone.now()
    with transaction.atomic():
        Topic.objects.select_for_update().get(pk=slot.topic_id)
        new_slot = Slot.objects.select_for_update().select_related("topic").get(pk=slot.pk)
        booking = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
        if booking.status != BookingStatus.CONFIRMED or booking.slot.starts_at <= now:
            raise InvalidTransition()
        if new_slot.topic_id != booking.slot.topic_id:
            raise InvalidTransition(_("Please choose a time for the same topic."))
        if booking_closes_at(new_slot) <= now:
            raise BookingClosed()
        _expire_stale_holds(Q(slot=new_slot), now)
        if Booking.objects.filter(slot=new_slot, status__in=HOLDING_STATUSES).exists():
            raise SlotTaken()
        old_slot_id = booking.slot_id
        booking.slot = new_slot
        booking.reminder_sent_at = None
        try:
            with transaction.atomic():
                booking.save(update_fields=["slot", "reminder_sent_at"])
        except IntegrityError as error:
            raise SlotTaken() from error
        _after_rebooking(booking.pk, old_slot_id)
    return booking


def _after_rebooking(booking_id: int, old_slot_id: int) -> None:
    tasks.send_booking_email.call(booking_id, "confirmed")
    tasks.notify_advisor.call(booking_id, "rebooked")
    transaction.on_commit(lambda: schedule_reminder(booking_id))


def set_booking_status(booking: Booking, new_status: str, *, actor=None) -> Booking:
    """Staff marks a booking attended or no-show (or corrects the mark)."""
    now = timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
        if new_status in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW) and (
            booking.slot.starts_at > now
        ):
            raise InvalidTransition(_("The appointment has not begun yet."))
        _change_status(booking, new_status, now=now, actor=actor)
    return booking


def booking_subject(booking: Booking) -> str:
    """How the audit trail names a booking: number, topic and local start."""
    start = timezone.localtime(booking.slot.starts_at)
    return f"#{booking.pk} {booking.slot.topic} {start:%Y-%m-%d %H:%M}"


def _change_status(booking: Booking, new_status: str, *, now, actor=None) -> None:
    """The one place a booking's status changes; it checks the transition table."""
    old_status = booking.status
    if new_status not in BOOKING_TRANSITIONS[old_status]:
        raise InvalidTransition()
    booking.status = new_status
    booking.status_changed_at = now
    booking.save(update_fields=["status", "status_changed_at"])
    audit.record(
        actor,
        audit.STATUS_CHANGED,
        person=audit.person_label(booking.name, booking.email),
        subject=booking_subject(booking),
        detail=f"{old_status} → {new_status}",
    )
    if actor is not None:
        log(
            booking,
            "advising.booking.status",
            user=actor,
            data={"from": old_status, "to": new_status},
        )


def save_staff_note(booking: Booking, *, note: str, actor) -> Booking:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        booking.staff_note = note.strip()
        booking.save(update_fields=["staff_note"])
        log(booking, "advising.booking.note", user=actor)
    return booking


# --- reminders and retention -------------------------------------------------------------


def send_reminder(booking_id: int) -> bool:
    """Send the reminder the day before, once, and only for a still confirmed booking
    whose slot is still ahead. Returns whether one was sent."""
    from .emails import send_booking_email

    now = timezone.now()
    window = timedelta(hours=settings.ADVISING_REMINDER_HOURS)
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update().select_related("slot").filter(pk=booking_id).first()
        )
        if (
            booking is None
            or booking.status != BookingStatus.CONFIRMED
            or booking.reminder_sent_at is not None
            or not (now < booking.slot.starts_at <= now + window)
        ):
            return False
        booking.reminder_sent_at = now
        booking.save(update_fields=["reminder_sent_at"])
        send_booking_email(booking, "reminder")
    return True


def send_due_reminders() -> int:
    """For cron: the reminders of every confirmed booking starting within the window."""
    now = timezone.now()
    due = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        slot__starts_at__gt=now,
        slot__starts_at__lte=now + timedelta(hours=settings.ADVISING_REMINDER_HOURS),
    ).values_list("pk", flat=True)
    return sum(send_reminder(pk) for pk in list(due))


def purge_bookings(*, older_than_days: int) -> int:
    """Delete bookings (with their staff notes) whose appointment ended, or which were
    made, more than the retention period ago; and past slots no longer needed."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    with transaction.atomic():
        ended = Q(slot__ends_at__lt=cutoff)
        dropped = Q(
            status__in=(BookingStatus.CANCELLED, BookingStatus.EXPIRED),
            status_changed_at__lt=cutoff,
        )
        deleted, _counts = Booking.objects.filter(ended | dropped).delete()
        Slot.objects.filter(ends_at__lt=cutoff, bookings__isnull=True).delete()
    return deleted
