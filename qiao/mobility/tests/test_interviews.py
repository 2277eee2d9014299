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
