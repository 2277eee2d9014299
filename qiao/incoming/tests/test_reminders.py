import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from qiao.core import verification
from qiao.incoming import services
from qiao.incoming.models import Attendance, Participant

from .factories import CohortFactory, ParticipantFactory, SessionFactory, StaffFactory

pytestmark = pytest.mark.django_db

BEFORE = datetime.date(2026, 6, 20)  # 16 days before the group arrives


def _complete(**fields):
    values = {
        "passport_number": "E1",
        "arrival_at": datetime.datetime(2026, 7, 5, 12, 0, tzinfo=datetime.UTC),
        "emergency_contact": "Mother +86 1",
        "insurance_until": datetime.date(2026, 7, 31),
        "passport_file": "incoming/1/x.png",
        "language": "en",
    }
    values.update(fields)
    return ParticipantFactory(**values)


def test_reminder_for_missing_details_sent_once():
    ParticipantFactory(language="en", email="li@example.cn")
    assert services.send_participant_reminders(today=BEFORE) == 1
    assert services.send_participant_reminders(today=BEFORE) == 0
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["li@example.cn"], "Please complete your details for Summer School Energy Transition")
    ]
    assert "- passport page\n- passport number\n- arrival\n" in mail.outbox[0].body


def test_reminder_for_insurance_and_visa_ending_early():
    _complete(insurance_until=datetime.date(2026, 7, 10), visa_until=datetime.date(2026, 7, 12))
    assert services.send_participant_reminders(today=BEFORE) == 2
    assert sorted(m.subject for m in mail.outbox) == [
        "Your health insurance ends before Summer School Energy Transition does",
        "Your visa ends before Summer School Energy Transition does",
    ]


def test_no_reminder_when_complete_or_too_early():
    _complete()
    ParticipantFactory(
        cohort=CohortFactory(starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2026, 9, 5))
    )
    assert services.send_participant_reminders(today=BEFORE) == 0
    assert mail.outbox == []


def test_weekly_digest_once_per_week_to_coordinators():
    coordinator = StaffFactory(username="anna", email="anna@example.org")
    cohort = CohortFactory(coordinators=[coordinator])
    ParticipantFactory(cohort=cohort, name_zh="", name_pinyin="Zhao Lei")
    _complete(cohort=cohort)
    assert services.send_weekly_digests(today=BEFORE) == 1
    assert services.send_weekly_digests(today=BEFORE + datetime.timedelta(days=1)) == 0
    assert services.send_weekly_digests(today=BEFORE + datetime.timedelta(days=2)) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert mail.outbox[0].body.count("- ") == 1
    assert "Zhao Lei:" in mail.outbox[0].body


def test_purge_erases_personal_data_and_keeps_the_count(private_root):
    old = CohortFactory(starts_on=datetime.date(2024, 7, 1), ends_on=datetime.date(2024, 7, 14))
    participant = ParticipantFactory(cohort=old, passport_number="E1", email="old@example.cn")
    Attendance.objects.create(session=SessionFactory(cohort=old), participant=participant)
    recent = ParticipantFactory()
    code = verification.issue_document(
        kind="incoming-visa", holder_name="Li", title="Visa", language="en", subject=participant
    ).code
    erased = services.purge_participants(older_than_days=365, today=datetime.date(2025, 7, 15))
    assert verification.find(code) is None
    assert erased == 1
    participant.refresh_from_db()
    assert (participant.name_pinyin, participant.email, participant.passport_number) == ("", "", "")
    assert participant.date_of_birth is None
    assert participant.purged_at is not None
    assert Attendance.objects.count() == 0
    assert Participant.objects.filter(cohort=old).count() == 1
    recent.refresh_from_db()
    assert recent.purged_at is None


def test_purge_keeps_participants_within_retention():
    old = CohortFactory(starts_on=datetime.date(2024, 7, 1), ends_on=datetime.date(2024, 7, 14))
    ParticipantFactory(cohort=old)
    assert services.purge_participants(older_than_days=365, today=datetime.date(2025, 7, 14)) == 0


def test_periodic_commands_run(capsys):
    call_command("send_incoming_reminders")
    call_command("purge_incoming")
    assert capsys.readouterr().out == (
        "0 reminder(s) and 0 weekly digest(s) queued.\n"
        "0 incoming participant(s) older than 365 days erased.\n"
    )
