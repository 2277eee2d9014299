import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks import default_task_backend

from qiao.advising import services, tasks
from qiao.advising.enums import BookingStatus
from qiao.advising.models import Booking

from .factories import BookingFactory

pytestmark = pytest.mark.django_db
DAY_BEFORE = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)  # slot: 2 Dec 09:00 UTC


def test_reminder_task_sends_once_the_day_before(now):
    booking = BookingFactory()

    with time_machine.travel(DAY_BEFORE, tick=False):
        first = tasks.send_booking_reminder.call(booking.pk)
        second = tasks.send_booking_reminder.call(booking.pk)

    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1
    assert (
        mail.outbox[0].subject
        == f"Reminder: your appointment tomorrow: {booking.slot.topic.name_en}"
    )
    assert mail.outbox[0].attachments[0][0] == "appointment.ics"
    booking.refresh_from_db()
    assert booking.reminder_sent_at == DAY_BEFORE


def test_reminder_task_skips_cancelled_and_far_bookings(now):
    cancelled = BookingFactory(status=BookingStatus.CANCELLED)
    far = BookingFactory(slot__starts_at=datetime.datetime(2026, 12, 9, 9, tzinfo=datetime.UTC))

    with time_machine.travel(DAY_BEFORE, tick=False):
        results = [tasks.send_booking_reminder.call(b.pk) for b in (cancelled, far)]

    assert results == [False, False]
    assert mail.outbox == []


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_confirmation_queues_reminder_for_the_day_before(now, django_capture_on_commit_callbacks):
    booking = BookingFactory(
        status=BookingStatus.PENDING, hold_expires_at=now + datetime.timedelta(minutes=5)
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_booking(booking)

    reminders = [r for r in default_task_backend.results if r.task.name == "send_booking_reminder"]
    assert [(r.args, r.task.run_after) for r in reminders] == [
        ([booking.pk], datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC))
    ]


def test_reminder_command_sends_due_reminders(now):
    due = BookingFactory()
    BookingFactory(slot__starts_at=datetime.datetime(2026, 12, 9, 9, tzinfo=datetime.UTC))
    out = StringIO()

    with time_machine.travel(DAY_BEFORE, tick=False):
        call_command("send_advising_reminders", stdout=out)

    assert out.getvalue() == "1 reminder(s) sent.\n"
    assert [m.to for m in mail.outbox] == [[due.email]]


def test_purge_command_uses_retention_setting(now):
    BookingFactory(slot__starts_at=now - datetime.timedelta(days=30), staff_note="came late")
    kept = BookingFactory()
    out = StringIO()

    with override_settings(ADVISING_RETENTION_DAYS=20):
        call_command("purge_advising", stdout=out)

    assert out.getvalue() == "1 advising booking(s) older than 20 days deleted.\n"
    assert list(Booking.objects.values_list("pk", flat=True)) == [kept.pk]
