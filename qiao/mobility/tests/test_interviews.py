import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from qiao.mobility import services
from qiao.mobility.models import Application, InterviewSlot

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_interview_candidate_picks_a_free_slot_and_gets_ics(client, call):
    start = timezone.now() + datetime.timedelta(days=3)
    taken = InterviewSlot.objects.create(call=call, starts_at=start, location="Raum 1")
    free = InterviewSlot.objects.create(
        call=call, starts_at=start + datetime.timedelta(minutes=30), location="Raum 1"
    )
    other = ApplicationFactory(call=call, status="interview")
    services.pick_interview_slot(other, taken, by=other.applicant)
    application = ApplicationFactory(call=call, status="interview")
    client.force_login(application.applicant)
    url = reverse("mobility:interview", args=[application.pk])
    assert client.post(url, {"slot": taken.pk}).status_code == 200  # not offered to them
    assert client.post(url, {"slot": free.pk}).status_code == 302
    free.refresh_from_db()
    assert free.application_id == application.pk
    ics = client.get(reverse("mobility:interview_ics", args=[application.pk]))
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == free.starts_at.replace(microsecond=0)
    assert str(event["location"]) == "Raum 1"


def test_only_interview_candidates_can_pick_a_slot(call):
    slot = InterviewSlot.objects.create(call=call, starts_at=timezone.now(), location="Online")
    application = ApplicationFactory(call=call, status="submitted")
    with pytest.raises(services.ApplicationError):
        services.pick_interview_slot(application, slot, by=application.applicant)
    assert InterviewSlot.objects.get().application_id is None


def test_purge_command_reports_count(call, capsys):
    call.opens_at = timezone.now() - datetime.timedelta(days=800)
    call.closes_at = timezone.now() - datetime.timedelta(days=700)
    call.save()
    ApplicationFactory(call=call, status="rejected")
    ApplicationFactory(call=call, status="completed")
    call_command("purge_mobility")
    assert capsys.readouterr().out == "1 expired applications deleted.\n"
    assert list(Application.objects.values_list("status", flat=True)) == ["completed"]


def test_picking_a_slot_mails_the_time_with_a_calendar_file(
    call, mailoutbox, django_capture_on_commit_callbacks
):
    start = datetime.datetime(2027, 1, 12, 9, 0, tzinfo=datetime.UTC)  # 10:00 in Berlin
    slot = InterviewSlot.objects.create(call=call, starts_at=start, location="Raum 2")
    application = ApplicationFactory(call=call, status="interview", language="de")

    with django_capture_on_commit_callbacks(execute=True):
        services.pick_interview_slot(application, slot, by=application.applicant)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [application.applicant.email]
    assert message.subject == f"Ihr Gesprächstermin für {call.title}"
    assert "Raum 2" in message.body
    assert "12. Januar 2027 10:00" in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("interview.ics", "text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == start


def test_reminder_is_not_sent_for_a_slot_given_up(call, mailoutbox):
    from qiao.mobility.tasks import send_interview_email

    slot = InterviewSlot.objects.create(call=call, starts_at=timezone.now(), location="Online")

    send_interview_email.call(slot.pk, True)

    assert mailoutbox == []


def test_an_interview_time_that_has_passed_is_neither_offered_nor_booked(client, call):
    now = timezone.now()
    past = InterviewSlot.objects.create(
        call=call, starts_at=now - datetime.timedelta(hours=2), location="Raum 1"
    )
    coming = InterviewSlot.objects.create(
        call=call, starts_at=now + datetime.timedelta(days=2), location="Raum 2"
    )
    application = ApplicationFactory(call=call, status="interview")
    client.force_login(application.applicant)
    url = reverse("mobility:interview", args=[application.pk])

    offered = list(client.get(url).context["form"].fields["slot"].queryset)
    refused = client.post(url, {"slot": past.pk})
    with pytest.raises(services.ApplicationError) as error:
        services.pick_interview_slot(application, past, by=application.applicant)

    assert offered == [coming]
    assert refused.status_code == 200
    assert error.value.message == "Dieser Termin ist schon vorbei; bitte wählen Sie einen anderen."
    assert InterviewSlot.objects.filter(application=application).count() == 0
