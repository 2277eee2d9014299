"""Nothing is lost: e-mails wait in the outbox while the mail server is down, arrive
exactly once when it is back, and permanent refusals stop at once and show to staff.
Real SMTP servers (aiosmtpd) on local ports; runs on SQLite and PostgreSQL."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from qiao.events.enums import RegistrationStatus
from qiao.events.services import confirm_registration
from qiao.events.tests.factories import make_event, make_index, register
from qiao.outbox import services
from qiao.outbox.enums import EmailStatus
from qiao.outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def event(homes):
    with time_machine.travel(NOW, tick=False):
        return make_event(make_index(homes["de"]))


def test_confirmation_waits_while_the_mail_server_is_down_then_arrives_once(event, smtp_server):
    with time_machine.travel(NOW, tick=False):
        registration = register(event, email="lena@example.org")

    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts, row.recipients) == (
        EmailStatus.QUEUED,
        1,
        "lena@example.org",
    )
    assert row.purpose == "events.confirm_request"
    assert row.related == registration
    assert "Connection refused" in row.last_error or "ConnectionRefused" in row.last_error
    assert row.next_attempt_at == NOW + datetime.timedelta(minutes=1)

    # Not due yet: nothing is tried before its time.
    server = smtp_server()
    with time_machine.travel(NOW + datetime.timedelta(seconds=30), tick=False):
        assert services.deliver_due() == {}
    assert server.messages == []

    with time_machine.travel(NOW + datetime.timedelta(minutes=2), tick=False):
        assert services.deliver_due() == {EmailStatus.SENT: 1}
        assert services.deliver_due() == {}
        call_command("deliver_outbox")

    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (EmailStatus.SENT, 2, "")
    assert row.sent_at == NOW + datetime.timedelta(minutes=2)
    assert len(server.messages) == 1
    assert server.messages[0]["To"] == "lena@example.org"
    assert server.messages[0]["Message-ID"] == row.message_id
    assert str(server.messages[0]["Subject"]).strip() == (
        "Please confirm your registration: Vortrag über Chinas Hochschulen"
    )


def test_waits_grow_and_temporary_failures_end_after_the_retry_period(event, smtp_port):
    with time_machine.travel(NOW, tick=False):
        register(event, email="lena@example.org")
    row = OutgoingEmail.objects.get()

    waits = []
    moment = NOW
    while True:
        row.refresh_from_db()
        if row.status != EmailStatus.QUEUED:
            break
        waits.append(row.next_attempt_at - moment)
        moment = row.next_attempt_at
        with time_machine.travel(moment, tick=False):
            services.deliver_due()

    assert waits[:8] == [datetime.timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60)]
    assert row.status == EmailStatus.FAILED
    # Given up only after the retry period (48 hours), not before.
    assert row.failed_at >= NOW + datetime.timedelta(hours=48)
    assert row.failed_at < NOW + datetime.timedelta(hours=49)


def test_a_permanent_refusal_fails_at_once_and_shows_to_staff(event, smtp_server, admin_client):
    server = smtp_server(refuse=True)
    with time_machine.travel(NOW, tick=False):
        register(event, email="nobody@example.org")
    with time_machine.travel(NOW + datetime.timedelta(hours=3), tick=False):
        assert services.deliver_due() == {}  # no retry storm

    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts) == (EmailStatus.FAILED, 1)
    assert "550" in row.last_error
    assert server.messages == []

    listing = admin_client.get(reverse("outbox:index"), {"status": "failed"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "nobody@example.org" in html
    assert "Recipient address rejected" in html
    assert "Eine E-Mail konnte nicht zugestellt werden." in html


def test_staff_send_a_failed_email_again(event, smtp_server, admin_client, admin_user):
    refusing = smtp_server(refuse=True)
    with time_machine.travel(NOW, tick=False):
        register(event, email="lena@example.org")
    row = OutgoingEmail.objects.get()
    assert row.status == EmailStatus.FAILED
    refusing.stop()
    server = smtp_server()

    response = admin_client.post(reverse("outbox:send_again", args=[row.pk]))

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.attempts) == (EmailStatus.SENT, 2)
    assert len(server.messages) == 1
    entry = ModelLogEntry.objects.get(action="outbox.send_again")
    assert (entry.user_id, entry.object_id) == (admin_user.pk, str(row.pk))
    # A sent e-mail is not sent again by a second click.
    admin_client.post(reverse("outbox:send_again", args=[row.pk]))
    assert len(server.messages) == 1


def test_an_email_being_sent_is_not_taken_by_a_second_worker(event, smtp_server):
    server = smtp_server()
    with time_machine.travel(NOW, tick=False):
        register(event, email="lena@example.org")
    row = OutgoingEmail.objects.get()
    assert row.status == EmailStatus.SENT
    # Another worker still holding an old claim: it is sending (since 5 minutes).
    OutgoingEmail.objects.filter(pk=row.pk).update(
        status=EmailStatus.SENDING, sending_since=NOW + datetime.timedelta(minutes=1)
    )

    with time_machine.travel(NOW + datetime.timedelta(minutes=6), tick=False):
        assert services.deliver_due() == {}
    assert len(server.messages) == 1


def test_the_office_hears_of_failures_once_a_day(event, smtp_server, settings):
    smtp_server(refuse=True)
    with time_machine.travel(NOW, tick=False):
        register(event, email="nobody@example.org")
        register(event, email="niemand@example.org")

    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        assert services.report_failures() == 2
        assert services.report_failures() == 0

    report = OutgoingEmail.objects.get(purpose="outbox.failure_report")
    assert report.recipients == settings.STAFF_NOTIFICATION_EMAIL
    assert report.subject == "2 E-Mails konnten nicht zugestellt werden"
    assert "nobody@example.org" in report.body
    assert "niemand@example.org" in report.body
    assert "http://testserver/admin/outbox/" in report.body


def test_outbox_rows_follow_their_registration_when_it_is_purged(event):
    with time_machine.travel(NOW, tick=False):
        kept = register(event, email="lena@example.org")
        gone = register(event, email="tom@example.org")
    assert OutgoingEmail.objects.count() == 2
    gone.delete()

    assert services.purge_outbox(now=NOW + datetime.timedelta(days=1)) == 1

    assert list(OutgoingEmail.objects.values_list("related_id", flat=True)) == [str(kept.pk)]
    assert services.purge_outbox(now=NOW + datetime.timedelta(days=91)) == 1
    assert OutgoingEmail.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_email_is_written_in_the_transaction_of_its_change(homes, settings, mailoutbox):
    settings.OUTBOX_DELIVER_BEFORE_COMMIT = False
    event = make_event(make_index(homes["de"]))

    with pytest.raises(RuntimeError), transaction.atomic():
        register(event, email="lena@example.org")
        raise RuntimeError("the change fails after the e-mail was written")

    assert (OutgoingEmail.objects.count(), len(mailoutbox)) == (0, 0)
    registration = register(event, email="lena@example.org")
    assert registration.status == RegistrationStatus.PENDING
    assert len(mailoutbox) == 1  # delivered once committed

    confirm_registration(registration)

    purposes = list(
        OutgoingEmail.objects.order_by("pk").values_list("purpose", "status", "related_id")
    )
    assert purposes == [
        ("events.confirm_request", EmailStatus.SENT, str(registration.pk)),
        ("events.confirmed", EmailStatus.SENT, str(registration.pk)),
    ]
    confirmed = OutgoingEmail.objects.get(purpose="events.confirmed")
    # The calendar file and the QR code of the check-in code travel with the e-mail.
    assert [a.filename for a in confirmed.attachments.all()] == ["event.ics", "check-in.png"]
    assert timezone.is_aware(confirmed.sent_at)


def test_the_dashboard_warns_when_tasks_wait_without_a_worker(admin_client, settings):
    from qiao.outbox.tasks import deliver_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with time_machine.travel(NOW, tick=False):
        deliver_email.enqueue(1)

    with time_machine.travel(NOW + datetime.timedelta(minutes=3), tick=False):
        calm = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    with time_machine.travel(NOW + datetime.timedelta(minutes=12), tick=False):
        warned = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Es scheint kein Task-Worker zu laufen" not in calm
    assert (
        "Eine Hintergrundaufgabe wartet seit 12\xa0Minuten: Es scheint kein Task-Worker zu "
        "laufen, E-Mails werden also nicht gesendet."
    ) in warned


def test_tasks_left_running_by_a_dead_worker_run_again():
    from django_tasks_db.models import DBTaskResult

    stuck = DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="qiao.outbox.tasks.deliver_email",
        backend_name="default",
        run_after=NOW,
        started_at=NOW,
    )
    recent = DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [2], "kwargs": {}},
        task_path="qiao.outbox.tasks.deliver_email",
        backend_name="default",
        run_after=NOW,
        started_at=NOW + datetime.timedelta(minutes=10),
    )

    with time_machine.travel(NOW + datetime.timedelta(minutes=16), tick=False):
        assert services.recover_abandoned_tasks() == 1

    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert (stuck.status, stuck.started_at) == ("READY", None)
    assert recent.status == "RUNNING"
