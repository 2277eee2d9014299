import datetime

import icalendar
import pytest
import time_machine
from django.core import mail

from qiao.advising import services
from qiao.advising.enums import BOOKING_TRANSITIONS, BookingStatus, PersonStatus
from qiao.advising.models import Booking

from .factories import BookingFactory, SlotFactory

pytestmark = pytest.mark.django_db


def _book(slot, email="li@example.org", name="Li Wei", **kwargs):
    return services.book_appointment(
        slot,
        name=name,
        email=email,
        person_status=PersonStatus.STUDENT,
        question="Which visa do I need?",
        language=kwargs.pop("language", "en"),
        **kwargs,
    )


def test_book_holds_slot_and_sends_confirmation_link(now, django_capture_on_commit_callbacks):
    slot = SlotFactory()

    with django_capture_on_commit_callbacks(execute=True):
        booking = _book(slot, email=" Li@Example.org ")

    assert booking.status == BookingStatus.PENDING
    assert booking.email == "li@example.org"
    assert booking.hold_expires_at == now + datetime.timedelta(minutes=30)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["li@example.org"]
    assert mail.outbox[0].subject == f"Please confirm your appointment: {slot.topic.name_en}"
    assert "http://testserver/en/appointments/confirm/" in mail.outbox[0].body


def test_confirmation_link_email_leaves_out_the_typed_name(now, django_capture_on_commit_callbacks):
    slot = SlotFactory()

    with django_capture_on_commit_callbacks(execute=True):
        _book(slot, name="Click https://evil.example/login now")

    assert mail.outbox[0].body.startswith("Hello,\n\nthank you for booking an appointment.")
    assert "evil.example" not in mail.outbox[0].body


def test_confirm_sends_calendar_file_and_notifies_advisor(now, django_capture_on_commit_callbacks):
    booking = BookingFactory(
        status=BookingStatus.PENDING, hold_expires_at=now + datetime.timedelta(minutes=5)
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_booking(booking)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert [message.to for message in mail.outbox] == [
        [booking.email],
        [booking.slot.advisor.email],
    ]
    attachment = mail.outbox[0].attachments[0]
    assert attachment[0] == "appointment.ics"
    appointment = icalendar.Calendar.from_ical(attachment[1]).walk("VEVENT")[0]
    assert appointment.decoded("dtstart") == datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC)
    assert appointment["dtstart"].params["TZID"] == "Europe/Berlin"
    assert "A 101" in mail.outbox[0].body
    assert mail.outbox[1].subject == f"Neuer Termin: {booking.slot.topic.name_de}"


def test_confirm_after_hold_expired_releases_slot(now):
    booking = BookingFactory(status=BookingStatus.PENDING, hold_expires_at=now)

    with pytest.raises(services.HoldExpired):
        services.confirm_booking(booking)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.EXPIRED


def test_book_taken_slot_raises_and_changes_nothing(now):
    booking = BookingFactory()

    with pytest.raises(services.SlotTaken):
        _book(booking.slot)

    assert Booking.objects.count() == 1


def test_book_slot_whose_hold_expired_succeeds(now):
    stale = BookingFactory(status=BookingStatus.PENDING, hold_expires_at=now)

    booking = _book(stale.slot)

    stale.refresh_from_db()
    assert (stale.status, booking.status) == (BookingStatus.EXPIRED, BookingStatus.PENDING)


def test_one_open_booking_per_person_and_topic(now):
    first = BookingFactory(email="li@example.org")
    same_topic = SlotFactory(
        topic=first.slot.topic, starts_at=first.slot.starts_at + datetime.timedelta(hours=1)
    )
    other_topic = SlotFactory()

    with pytest.raises(services.AlreadyBooked):
        _book(same_topic, email="LI@example.org")
    other = _book(other_topic)

    assert other.status == BookingStatus.PENDING
    assert Booking.objects.count() == 2


def test_person_may_book_again_after_cancelling(now):
    first = BookingFactory(email="li@example.org")
    services.cancel_booking(first)

    again = _book(
        SlotFactory(
            topic=first.slot.topic,
            advisor=first.slot.advisor,
            starts_at=first.slot.starts_at + datetime.timedelta(hours=2),
        )
    )

    assert again.status == BookingStatus.PENDING


def test_booking_closes_before_the_slot(now):
    slot = SlotFactory(starts_at=now + datetime.timedelta(minutes=119))

    with pytest.raises(services.BookingClosed):
        _book(slot)

    assert Booking.objects.count() == 0


def test_cancel_frees_slot_and_tells_person_and_advisor(now, django_capture_on_commit_callbacks):
    booking = BookingFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_booking(booking)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert [m.to for m in mail.outbox] == [[booking.email], [booking.slot.advisor.email]]
    assert _book(booking.slot, email="other@example.org").status == BookingStatus.PENDING


def test_cancel_after_start_is_refused(now):
    booking = BookingFactory(slot__starts_at=now - datetime.timedelta(minutes=1))

    with pytest.raises(services.InvalidTransition):
        services.cancel_booking(booking)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_rebook_moves_booking_to_free_slot(now, django_capture_on_commit_callbacks):
    booking = BookingFactory()
    new_slot = SlotFactory(
        topic=booking.slot.topic, starts_at=booking.slot.starts_at + datetime.timedelta(days=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.rebook(booking, slot=new_slot)

    booking.refresh_from_db()
    assert (booking.slot, booking.status) == (new_slot, BookingStatus.CONFIRMED)
    assert [m.to for m in mail.outbox] == [[booking.email], [new_slot.advisor.email]]


def test_rebook_onto_taken_slot_changes_nothing(now):
    booking = BookingFactory()
    taken = BookingFactory(slot__topic=booking.slot.topic).slot

    with pytest.raises(services.SlotTaken):
        services.rebook(booking, slot=taken)

    booking.refresh_from_db()
    assert booking.slot_id != taken.pk


def test_transition_table_is_enforced(now):
    booking = BookingFactory(status=BookingStatus.CANCELLED)

    with pytest.raises(services.InvalidTransition):
        services.set_booking_status(booking, BookingStatus.CONFIRMED)

    assert BOOKING_TRANSITIONS[BookingStatus.CANCELLED] == frozenset()


def test_no_show_only_after_start(now):
    booking = BookingFactory()

    with pytest.raises(services.InvalidTransition):
        services.set_booking_status(booking, BookingStatus.NO_SHOW)
    with time_machine.travel(booking.slot.starts_at + datetime.timedelta(minutes=40), tick=False):
        services.set_booking_status(booking, BookingStatus.NO_SHOW)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.NO_SHOW


def test_purge_deletes_old_bookings_and_notes(now):
    old = BookingFactory(slot__starts_at=now - datetime.timedelta(days=400), staff_note="ok")
    recent = BookingFactory(slot__starts_at=now - datetime.timedelta(days=10), staff_note="ok")

    deleted = services.purge_bookings(older_than_days=365)

    assert deleted == 1
    assert list(Booking.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Booking.objects.filter(pk=old.pk).exists()
