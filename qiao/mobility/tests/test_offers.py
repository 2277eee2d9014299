"""Selection and offers: a confirmation first, not before the deadline unless the call is
rolling, the call closes when its places are given, a reply-by date with a reminder, and
an expired offer moves the waiting list."""

import datetime
import io

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from qiao.mobility import services
from qiao.mobility.enums import ApplicationStatus
from qiao.mobility.models import Application, Call

from .factories import ApplicationFactory, CallFactory, UserFactory, upload

pytestmark = pytest.mark.django_db
S = ApplicationStatus
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def coordinator():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def closed_call(programme):
    return CallFactory(
        programme=programme,
        opens_at=NOW - datetime.timedelta(days=40),
        closes_at=NOW - datetime.timedelta(days=10),
        places=2,
        reply_days=14,
    )


def _shortlisted(call, count):
    applications = []
    for number in range(count):
        application = ApplicationFactory(call=call, status=S.SHORTLISTED, submitted_at=NOW)
        reviewer = UserFactory()
        call.reviewers.add(reviewer)
        services.save_review(application, reviewer=reviewer, score=10 - number, comment="")
        applications.append(application)
    return applications


def _statuses(applications):
    return [Application.objects.get(pk=a.pk).status for a in applications]


@time_machine.travel(NOW, tick=False)
def test_selection_before_the_deadline_is_refused(programme, coordinator):
    call = CallFactory(
        programme=programme,
        opens_at=NOW - datetime.timedelta(days=5),
        closes_at=NOW + datetime.timedelta(days=5),
        places=2,
    )
    applications = _shortlisted(call, 3)

    with pytest.raises(services.ApplicationError) as refused, translation.override("en"):
        services.run_selection(call, actor=coordinator)

    assert refused.value.message == (
        "Places can be offered only after the application deadline "
        "(7 Mar 2026, 10:00 Berlin time (17:00 China time)), unless the call has "
        "rolling admission."
    )
    assert _statuses(applications) == [S.SHORTLISTED] * 3
    with pytest.raises(services.ApplicationError):
        services.offer_place(applications[0], actor=coordinator)
    assert len(mail.outbox) == 0


@time_machine.travel(NOW, tick=False)
def test_rolling_call_closes_when_its_places_are_given(programme, coordinator):
    call = CallFactory(
        programme=programme,
        opens_at=NOW - datetime.timedelta(days=5),
        closes_at=NOW + datetime.timedelta(days=5),
        places=2,
        is_rolling=True,
    )
    first, second = _shortlisted(call, 2)

    assert services.run_selection(call, actor=coordinator) == (2, 0)

    call.refresh_from_db()
    assert call.filled_at == NOW
    assert call.is_open() is False
    assert list(Call.objects.open_at(NOW)) == []
    late = ApplicationFactory(call=call)
    services.add_document(late, by=late.applicant, document_type="cv", uploaded=upload())
    with pytest.raises(services.ApplicationError) as refused, translation.override("en"):
        services.submit_application(late, by=late.applicant)
    assert refused.value.message == (
        "All places of this call have been given; it takes no more applications."
    )


@time_machine.travel(NOW, tick=False)
def test_each_offer_has_a_reply_by_date_in_its_email(closed_call, coordinator):
    first, second, third = _shortlisted(closed_call, 3)
    reply_by = NOW + datetime.timedelta(days=7)

    services.run_selection(closed_call, actor=coordinator, reply_by=reply_by)

    assert [Application.objects.get(pk=a.pk).reply_by for a in (first, second, third)] == [
        reply_by,
        reply_by,
        None,
    ]
    offer_mail = [m for m in mail.outbox if m.to == [first.applicant.email]][0]
    assert (
        "Bitte antworten Sie bis 9. März 2026 10:00 Berliner Zeit "
        "(17:00 chinesische Zeit). Ohne Antwort" in offer_mail.body
    )


@time_machine.travel(NOW, tick=False)
def test_selection_page_shows_the_plan_and_sends_nothing_until_confirmed(
    client, closed_call, coordinator
):
    first, second, third = _shortlisted(closed_call, 3)
    client.force_login(coordinator)
    url = reverse("mobility_admin:selection", args=[closed_call.pk])

    page = client.get(url)

    assert page.status_code == 200
    assert [a.pk for a in page.context["plan"].offers] == [first.pk, second.pk]
    assert [a.pk for a in page.context["plan"].waitlist] == [third.pk]
    assert _statuses([first, second, third]) == [S.SHORTLISTED] * 3
    assert len(mail.outbox) == 0

    response = client.post(
        url, {"reply_by": "2026-03-20T12:00", "plan": page.context["plan"].token()}
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "2 Plätze angeboten. 1 Person auf die Warteliste gesetzt."
    ]
    assert _statuses([first, second, third]) == [S.OFFERED, S.OFFERED, S.WAITLISTED]
    # 12:00 in Berlin (CET) is 11:00 UTC
    assert Application.objects.get(pk=first.pk).reply_by == datetime.datetime(
        2026, 3, 20, 11, 0, tzinfo=datetime.UTC
    )


@time_machine.travel(NOW, tick=False)
def test_selection_with_a_changed_ranking_is_refused(client, closed_call, coordinator):
    first, second, third = _shortlisted(closed_call, 3)
    client.force_login(coordinator)
    url = reverse("mobility_admin:selection", args=[closed_call.pk])
    token = client.get(url).context["plan"].token()
    _shortlisted(closed_call, 1)  # a late shortlisting changes the waiting list

    client.post(url, {"reply_by": "2026-03-20T12:00", "plan": token})

    assert _statuses([first, second, third]) == [S.SHORTLISTED] * 3


@time_machine.travel(NOW, tick=False)
def test_selection_with_a_past_reply_by_date_is_refused_next_to_the_field(
    client, closed_call, coordinator
):
    _shortlisted(closed_call, 1)
    client.force_login(coordinator)
    url = reverse("mobility_admin:selection", args=[closed_call.pk])
    token = client.get(url).context["plan"].token()

    response = client.post(url, {"reply_by": "2026-03-01T12:00", "plan": token})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "reply_by": ["Das Antwortdatum muss in der Zukunft liegen."]
    }


def test_accepting_after_the_reply_by_date_is_refused(closed_call, coordinator):
    with time_machine.travel(NOW, tick=False):
        (application,) = _shortlisted(closed_call, 1)
        services.offer_place(application, actor=coordinator)
    with time_machine.travel(NOW + datetime.timedelta(days=14), tick=False):
        with pytest.raises(services.ApplicationError):
            services.accept_offer(application, by=application.applicant)
    with time_machine.travel(NOW + datetime.timedelta(days=14, seconds=-1), tick=False):
        services.accept_offer(application, by=application.applicant)
    assert Application.objects.get(pk=application.pk).status == S.ACCEPTED


def test_reminder_is_sent_once_three_days_before_the_reply_by_date(closed_call, coordinator):
    with time_machine.travel(NOW, tick=False):
        (application,) = _shortlisted(closed_call, 1)
        services.offer_place(application, actor=coordinator)
    mail.outbox.clear()
    with time_machine.travel(NOW + datetime.timedelta(days=10, seconds=-1), tick=False):
        assert services.send_offer_reminders() == 0
    with time_machine.travel(NOW + datetime.timedelta(days=11), tick=False):
        call_command("send_offer_reminders", stdout=io.StringIO())
        assert services.send_offer_reminders() == 0
    assert [m.subject for m in mail.outbox] == [
        f"Erinnerung: Bitte antworten Sie auf unser Angebot für {closed_call.title_de}"
    ]


def test_expired_offer_moves_the_waiting_list(closed_call, coordinator):
    with time_machine.travel(NOW, tick=False):
        first, second, third = _shortlisted(closed_call, 3)
        services.run_selection(closed_call, actor=coordinator)
    with time_machine.travel(NOW + datetime.timedelta(days=14), tick=False):
        call_command("expire_offers", stdout=io.StringIO())
    promoted = Application.objects.get(pk=third.pk)
    assert _statuses([first, second, third]) == [S.EXPIRED, S.EXPIRED, S.OFFERED]
    assert promoted.reply_by == NOW + datetime.timedelta(days=28)


def test_periodic_jobs_include_offer_reminders_and_expiry(settings):
    names = [command for command, _seconds in settings.PERIODIC_JOBS]
    assert ("send_offer_reminders" in names, "expire_offers" in names) == (True, True)


def test_expiry_notes_reach_each_reader_in_their_language(client, closed_call, coordinator):
    with time_machine.travel(NOW, tick=False):
        first, second, third = _shortlisted(closed_call, 3)
        Application.objects.filter(pk=first.pk).update(language="en")
        Application.objects.filter(pk=third.pk).update(language="zh-hans")
        services.run_selection(closed_call, actor=coordinator)
    mail.outbox.clear()
    with time_machine.travel(NOW + datetime.timedelta(days=14), tick=False):
        call_command("expire_offers", stdout=io.StringIO())  # the job runs in German

    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "\nNo reply by the reply-by date.\n" in bodies[first.applicant.email]
    assert "\nKeine Antwort bis zum Antwortdatum.\n" in bodies[second.applicant.email]
    assert "\n有名额空出。\n" in bodies[third.applicant.email]
    client.force_login(first.applicant)
    with translation.override("en"):
        page = client.get(reverse("mobility:detail", args=[first.pk])).content.decode()
    assert "<td>No reply by the reply-by date.</td>" in page
