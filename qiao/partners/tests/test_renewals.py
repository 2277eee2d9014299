import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from qiao.partners import services
from qiao.partners.models import RenewalAlert

from .factories import AgreementFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

END = datetime.date(2027, 6, 30)


@pytest.fixture
def run_on(django_capture_on_commit_callbacks):
    """Run the daily command on ``day`` (06:00 UTC), with the queued e-mails sent."""

    def run(day: datetime.date):
        moment = datetime.datetime(day.year, day.month, day.day, 6, 0, tzinfo=datetime.UTC)
        with time_machine.travel(moment), django_capture_on_commit_callbacks(execute=True):
            call_command("send_renewal_alerts", stdout=io.StringIO())

    return run


def test_renewal_alerts_fire_once_at_each_threshold(run_on):
    agreement = AgreementFactory(
        title="Austausch Sichuan",
        valid_until=END,
        partners=[InstitutionFactory(name_de="Sichuan-Universität")],
    )
    sent_on = {}
    for days_before in (200, 181, 180, 179, 120, 91, 90, 89, 31, 30, 29, 1, 0, -1):
        day = END - datetime.timedelta(days=days_before)
        before = len(mail.outbox)
        run_on(day)
        run_on(day)  # a second run on the same day sends nothing more
        if len(mail.outbox) != before:
            sent_on[days_before] = len(mail.outbox) - before

    assert sent_on == {180: 1, 90: 1, 30: 1}
    assert [message.to for message in mail.outbox] == [[agreement.responsible.email]] * 3
    assert list(
        RenewalAlert.objects.order_by("created_at").values_list("days_before", flat=True)
    ) == [180, 90, 30]
    assert RenewalAlert.objects.filter(sent_at__isnull=True).count() == 0


def test_renewal_alert_text_names_agreement_partner_and_days(run_on):
    AgreementFactory(
        title="Austausch Sichuan",
        valid_until=END,
        partners=[InstitutionFactory(name_de="Sichuan-Universität")],
    )

    run_on(END - datetime.timedelta(days=90))

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Die Vereinbarung „Austausch Sichuan“ endet in 90 Tagen"
    assert "Sichuan-Universität" in mail.outbox[0].body
    assert "30.06.2027" in mail.outbox[0].body or "30. Juni 2027" in mail.outbox[0].body


def test_renewal_alert_entered_late_sends_only_the_nearest_threshold(run_on):
    AgreementFactory(valid_until=END)

    run_on(END - datetime.timedelta(days=60))
    run_on(END - datetime.timedelta(days=59))

    assert list(RenewalAlert.objects.values_list("days_before", flat=True)) == [90]
    assert len(mail.outbox) == 1


def test_renewal_alerts_start_again_after_the_agreement_is_extended(run_on):
    agreement = AgreementFactory(valid_until=END)
    run_on(END - datetime.timedelta(days=30))
    agreement.valid_until = END.replace(year=2032)
    agreement.save(update_fields=["valid_until"])

    run_on(agreement.valid_until - datetime.timedelta(days=180))

    assert list(
        RenewalAlert.objects.order_by("created_at").values_list("valid_until", "days_before")
    ) == [(END, 30), (agreement.valid_until, 180)]
    assert len(mail.outbox) == 2


def test_renewal_alerts_skip_open_ended_and_expired_agreements():
    AgreementFactory(valid_until=None)
    AgreementFactory(valid_until=datetime.date(2027, 1, 1))

    with time_machine.travel(datetime.datetime(2027, 1, 2, 6, 0, tzinfo=datetime.UTC)):
        queued = services.queue_renewal_alerts()

    assert queued == []
    assert mail.outbox == []


def test_agreement_admin_list_shows_the_reminders_sent(run_on):
    from qiao.partners.wagtail_hooks import RemindersSentColumn

    agreement = AgreementFactory(valid_until=END)
    run_on(END - datetime.timedelta(days=180))
    run_on(END - datetime.timedelta(days=90))

    assert RemindersSentColumn("reminders").get_value(agreement) == "180, 90"
