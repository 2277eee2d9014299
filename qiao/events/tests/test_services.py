import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from qiao.events import services
from qiao.events.enums import EventFormat, ParticipationMode, RegistrationMode, RegistrationStatus
from qiao.events.models import Registration

from .factories import EventSessionFactory, make_event, register

pytestmark = pytest.mark.django_db


def confirmed(event, email, **kwargs):
    return services.confirm_registration(register(event, email, **kwargs))


def test_register_sends_a_confirmation_link_and_takes_no_seat(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, "ana@example.org")

    assert registration.status == RegistrationStatus.PENDING
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.org"]
    assert mail.outbox[0].subject == f"Please confirm your registration: {event.title}"
    assert re.search(r"/en/event-registration/confirm/[^/\s]+/", mail.outbox[0].body)


def test_confirm_takes_a_seat_and_mails_the_calendar_file(
    event, django_capture_on_commit_callbacks
):
    registration = register(event, "ana@example.org")
    mail.outbox.clear()  # the confirmation request

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.confirm_registration(registration)

    assert registration.status == RegistrationStatus.CONFIRMED
    assert [message.subject for message in mail.outbox] == [
        f"Your registration is confirmed: {event.title}"
    ]
    assert mail.outbox[0].attachments[0][0] == "event.ics"
    assert "/en/event-registration/cancel/" in mail.outbox[0].body


def test_confirm_when_all_seats_are_taken_joins_the_waitlist(index):
    event = make_event(index, capacity_on_site=1)
    first = confirmed(event, "a@example.org")
    second = confirmed(event, "b@example.org")

    assert (first.status, second.status) == ("confirmed", "waitlisted")


def test_confirm_twice_changes_nothing(index, django_capture_on_commit_callbacks):
    event = make_event(index, capacity_on_site=1)
    registration = confirmed(event, "a@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        again = services.confirm_registration(registration)

    assert again.status == RegistrationStatus.CONFIRMED
    assert mail.outbox == []


def test_register_again_with_other_case_returns_the_same_registration(event):
    first = register(event, "Ana@Example.org")
    second = register(event, "ana@EXAMPLE.org")

    assert second.pk == first.pk
    assert Registration.objects.count() == 1


def test_database_refuses_a_second_active_registration_of_one_address(event):
    register(event, "ana@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=event, name="Twin", email="ANA@example.org", affiliation="student"
        )


def test_register_again_after_cancelling_is_allowed(event):
    first = confirmed(event, "ana@example.org")
    services.cancel_registration(first)

    second = register(event, "ana@example.org")

    assert second.pk != first.pk
    assert second.status == RegistrationStatus.PENDING


def test_register_after_the_deadline_is_refused_and_changes_nothing(index):
    event = make_event(index, days_ahead=10)
    event.registration_deadline = event.start - datetime.timedelta(days=2)
    event.save()

    with time_machine.travel(event.registration_deadline + datetime.timedelta(seconds=1)):
        with pytest.raises(services.RegistrationClosed):
            register(event, "late@example.org")

    assert Registration.objects.count() == 0


def test_register_just_before_the_deadline_is_accepted(index):
    event = make_event(index, days_ahead=10)
    event.registration_deadline = event.start - datetime.timedelta(days=2)
    event.save()

    with time_machine.travel(event.registration_deadline - datetime.timedelta(seconds=1)):
        registration = register(event, "early@example.org")

    assert registration.status == RegistrationStatus.PENDING


def test_register_after_the_start_is_refused(event):
    with time_machine.travel(event.start + datetime.timedelta(minutes=1)):
        with pytest.raises(services.RegistrationClosed):
            register(event, "late@example.org")

    assert Registration.objects.count() == 0


def test_confirm_after_the_start_is_refused(event):
    registration = register(event, "ana@example.org")

    with time_machine.travel(event.start + datetime.timedelta(minutes=1)):
        with pytest.raises(services.RegistrationClosed):
            services.confirm_registration(registration)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_cancellation_promotes_exactly_the_first_waitlisted_person(
    index, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity_on_site=2)
    seated = [confirmed(event, f"seat{n}@example.org") for n in range(2)]
    waiting = [confirmed(event, f"wait{n}@example.org") for n in range(3)]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(seated[0])

    statuses = {r.email: r.status for r in Registration.objects.all()}
    assert statuses == {
        "seat0@example.org": "cancelled",
        "seat1@example.org": "confirmed",
        "wait0@example.org": "confirmed",
        "wait1@example.org": "waitlisted",
        "wait2@example.org": "waitlisted",
    }
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("seat0@example.org", f"Your registration is cancelled: {event.title}"),
        ("wait0@example.org", f"A seat became free for you: {event.title}"),
    ]
    assert waiting[0].pk == Registration.objects.get(email="wait0@example.org").pk


def test_cancelling_a_waitlisted_registration_promotes_nobody(index):
    event = make_event(index, capacity_on_site=1)
    confirmed(event, "seat@example.org")
    first_waiting = confirmed(event, "wait0@example.org")
    confirmed(event, "wait1@example.org")

    services.cancel_registration(first_waiting)

    assert list(
        Registration.objects.filter(status="waitlisted").values_list("email", flat=True)
    ) == ["wait1@example.org"]


def test_transition_table_refuses_to_confirm_a_cancelled_registration(event, admin_user):
    registration = confirmed(event, "ana@example.org")
    services.cancel_registration(registration)

    with pytest.raises(services.InvalidTransition):
        services.check_in(registration, by=admin_user)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_check_in_marks_attended_and_keeps_the_seat(index, admin_user):
    event = make_event(index, capacity_on_site=1)
    registration = confirmed(event, "ana@example.org")

    services.check_in(registration, by=admin_user)
    late = confirmed(event, "late@example.org")

    registration.refresh_from_db()
    assert (registration.status, late.status) == ("attended", "waitlisted")
    assert registration.attended_at is not None


def test_coordinator_cannot_move_to_confirmed_when_full(index, admin_user):
    event = make_event(index, capacity_on_site=1)
    confirmed(event, "seat@example.org")
    waiting = confirmed(event, "wait@example.org")

    with pytest.raises(services.NoSeatLeft):
        services.move_registration(waiting, to_status="confirmed", by=admin_user)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED


def test_coordinator_moves_to_waitlist_and_back(index, admin_user):
    event = make_event(index, capacity_on_site=1)
    seated = confirmed(event, "seat@example.org")

    services.move_registration(seated, to_status="waitlisted", by=admin_user)
    seated.refresh_from_db()
    assert seated.status == RegistrationStatus.WAITLISTED

    services.move_registration(seated, to_status="confirmed", by=admin_user)
    seated.refresh_from_db()
    assert seated.status == RegistrationStatus.CONFIRMED


def test_manual_registration_by_coordinator_skips_the_e_mail_confirmation(index, admin_user):
    event = make_event(index, capacity_on_site=1)

    first = register(event, "a@example.org", by=admin_user)
    second = register(event, "b@example.org", by=admin_user)

    assert (first.status, second.status) == ("confirmed", "waitlisted")


def test_hybrid_event_counts_on_site_and_online_seats_apart(index):
    event = make_event(
        index, event_format=EventFormat.HYBRID, capacity_on_site=1, capacity_online=1
    )
    on_site = confirmed(event, "a@example.org", participation_mode=ParticipationMode.ON_SITE)
    online = confirmed(event, "b@example.org", participation_mode=ParticipationMode.ONLINE)
    more_online = confirmed(event, "c@example.org", participation_mode=ParticipationMode.ONLINE)

    assert (on_site.status, online.status, more_online.status) == (
        "confirmed",
        "confirmed",
        "waitlisted",
    )


def test_online_participants_get_the_link_in_the_confirmation_only(
    index, django_capture_on_commit_callbacks
):
    event = make_event(
        index,
        event_format=EventFormat.HYBRID,
        capacity_online=1,
        online_link="https://meet.example.org/china-lecture",
    )
    with django_capture_on_commit_callbacks(execute=True):
        pending = register(event, "a@example.org", participation_mode="online")
    assert "meet.example.org" not in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_registration(pending)
        confirmed(event, "b@example.org", participation_mode="online")

    bodies = {message.to[0]: message.body for message in mail.outbox[1:]}
    assert "https://meet.example.org/china-lecture" in bodies["a@example.org"]
    assert "meet.example.org" not in bodies["b@example.org"]


def test_session_capacity_is_counted_per_session(index):
    event = make_event(index, registration_mode=RegistrationMode.SESSIONS, capacity_on_site=None)
    small = EventSessionFactory(event=event, capacity_on_site=1)
    large = EventSessionFactory(event=event, capacity_on_site=10)

    first = confirmed(event, "a@example.org", sessions=[small, large])
    second = confirmed(event, "b@example.org", sessions=[large])
    third = confirmed(event, "c@example.org", sessions=[small])

    assert (first.status, second.status, third.status) == (
        "confirmed",
        "confirmed",
        "waitlisted",
    )


def test_sessions_mode_requires_a_session(index):
    event = make_event(index, registration_mode=RegistrationMode.SESSIONS)

    with pytest.raises(services.RegistrationError):
        register(event, "a@example.org", sessions=[])

    assert Registration.objects.count() == 0


def test_changed_time_on_publish_tells_every_participant(event, django_capture_on_commit_callbacks):
    confirmed(event, "a@example.org")
    confirmed(event, "b@example.org")
    register(event, "pending@example.org")
    services.announce_schedule_change(event)  # first publication: nothing to tell

    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    event.save_revision().publish()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        told = services.announce_schedule_change(event)

    assert told == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "a@example.org",
        "b@example.org",
    ]
    assert {message.subject for message in mail.outbox} == {f"Changed time or place: {event.title}"}


def test_unchanged_event_on_publish_tells_nobody(event):
    confirmed(event, "a@example.org")
    services.announce_schedule_change(event)

    assert services.announce_schedule_change(event) == 0


def test_reminder_is_sent_once_when_due(event):
    from qiao.events import tasks

    registration = confirmed(event, "a@example.org")
    mail.outbox.clear()

    with time_machine.travel(event.start - datetime.timedelta(days=3)):
        tasks.send_due_reminders.call()
        assert mail.outbox == []
    with time_machine.travel(event.start - datetime.timedelta(hours=2)):
        tasks.send_due_reminders.call()
        tasks.send_due_reminders.call()

    assert [message.subject for message in mail.outbox] == [f"Reminder: {event.title}"]
    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None


def test_reminder_command_sends_the_due_reminders(event):
    from django.core.management import call_command

    confirmed(event, "a@example.org")
    mail.outbox.clear()

    with time_machine.travel(event.start - datetime.timedelta(hours=3)):
        call_command("send_event_reminders", stdout=io.StringIO())

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["a@example.org"], f"Reminder: {event.title}")
    ]
