"""The survey after the event: sent once the day after the end to those checked in, in
their language; one answer each; results in the back office, anonymous if so set."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from qiao.events import queries, services
from qiao.events.models import Registration, SurveyResponse

from .factories import make_event, register

pytestmark = pytest.mark.django_db

BERLIN = datetime.timezone(datetime.timedelta(hours=1))


@pytest.fixture
def coordinator(client, admin_user):
    client.force_login(admin_user)
    return client


def attended(event, email, **kwargs):
    registration = services.confirm_registration(register(event, email, **kwargs))
    return services.check_in(registration, by=None)


@pytest.fixture
def past_event(index):
    # 10-12 December 2026, Berlin time; registrations made before it.
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=BERLIN), tick=False):
        event = make_event(
            index,
            start=datetime.datetime(2026, 12, 10, 18, tzinfo=BERLIN),
            end=datetime.datetime(2026, 12, 10, 23, 30, tzinfo=BERLIN),
            survey_enabled=True,
            survey_anonymous=False,
        )
        ana = attended(event, "ana@example.org", language="en")
        li = attended(event, "li@example.org", name="李小龙", language="zh-hans")
        services.confirm_registration(register(event, "no-show@example.org"))
    return event, ana, li


def survey_links(message):
    return re.findall(r"http://testserver(/\S+/survey/\S+/)", message.body)


def test_survey_is_not_sent_on_the_day_the_event_ends(past_event):
    with time_machine.travel(datetime.datetime(2026, 12, 10, 23, 59, tzinfo=BERLIN)):
        assert services.due_surveys() == []


def test_survey_goes_to_attendees_the_day_after_in_their_language(
    past_event, django_capture_on_commit_callbacks
):
    event, ana, li = past_event
    mail.outbox.clear()

    with time_machine.travel(datetime.datetime(2026, 12, 11, 0, 5, tzinfo=BERLIN)):
        with django_capture_on_commit_callbacks(execute=True):
            sent = services.send_due_surveys()

    assert sent == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["ana@example.org", "li@example.org"]
    assert by_address["ana@example.org"].subject.startswith("How was it? A short survey")
    assert "问卷" in by_address["li@example.org"].subject
    (ana_link,) = survey_links(by_address["ana@example.org"])
    (li_link,) = survey_links(by_address["li@example.org"])
    assert ana_link.startswith("/en/event-registration/survey/")
    assert li_link.startswith("/zh/event-registration/survey/")
    token = ana_link.rstrip("/").rsplit("/", 1)[1]
    assert services.registration_from_token(token, purpose="survey") == ana


def test_survey_job_is_idempotent(past_event, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime.datetime(2026, 12, 11, 9, tzinfo=BERLIN)):
        with django_capture_on_commit_callbacks(execute=True):
            first = services.send_due_surveys()
            mail.outbox.clear()
            second = services.send_due_surveys()

    assert (first, second) == (2, 0)
    assert mail.outbox == []


def test_survey_is_not_sent_when_switched_off(past_event):
    event, _ana, _li = past_event
    event.survey_enabled = False
    event.save_revision().publish()

    with time_machine.travel(datetime.datetime(2026, 12, 11, 9, tzinfo=BERLIN)):
        assert services.send_due_surveys() == 0


def test_survey_is_not_sent_after_the_window(past_event):
    late = datetime.datetime(2026, 12, 10, 23, 30, tzinfo=BERLIN) + datetime.timedelta(
        days=settings.EVENTS_SURVEY_WINDOW_DAYS + 2
    )
    with time_machine.travel(late):
        assert services.due_surveys() == []


def test_survey_job_is_a_periodic_job(past_event):
    assert ("send_event_surveys", 60 * 60) in settings.PERIODIC_JOBS
    with time_machine.travel(datetime.datetime(2026, 12, 11, 9, tzinfo=BERLIN)):
        call_command("send_event_surveys")
    assert Registration.objects.filter(survey_sent_at__isnull=False).count() == 2


def test_answer_survey_records_one_answer_per_person(client, past_event):
    event, ana, _li = past_event
    url = f"/en/event-registration/survey/{services.survey_token(ana)}/"

    first = client.post(url, {"rating": "4", "comment": "Very clear talk."})
    second = client.post(url, {"rating": "1", "comment": "Second try"})

    assert first.status_code == 200
    assert "Thank you for your answer!" in first.content.decode()
    assert second.status_code == 409
    assert "You have already answered this survey" in second.content.decode()
    assert list(SurveyResponse.objects.values_list("rating", "comment")) == [
        (4, "Very clear talk.")
    ]


def test_answer_survey_without_rating_shows_the_error_and_saves_nothing(client, past_event):
    _event, ana, _li = past_event
    url = f"/en/event-registration/survey/{services.survey_token(ana)}/"

    response = client.post(url, {"rating": "", "comment": "no rating"})

    assert response.status_code == 400
    assert "Choose a rating from 1 to 5." in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_answer_survey_of_a_no_show_is_refused(client, past_event):
    event, _ana, _li = past_event
    no_show = Registration.objects.get(email="no-show@example.org")

    response = client.post(
        f"/en/event-registration/survey/{services.survey_token(no_show)}/", {"rating": "5"}
    )

    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_anonymous_survey_keeps_no_link_to_the_person(past_event):
    event, ana, _li = past_event
    event.survey_anonymous = True
    event.save_revision().publish()

    response = services.answer_survey(ana, rating=5, comment="Gern wieder")

    assert response.registration is None
    assert Registration.objects.get(pk=ana.pk).survey_answered is True


def test_survey_results_show_count_average_distribution_and_names(coordinator, past_event):
    event, ana, li = past_event
    services.answer_survey(ana, rating=4, comment="Very clear talk.")
    services.answer_survey(li, rating=5, comment="很好")

    results = queries.survey_results(event)
    page = coordinator.get(f"/admin/events/registrations/{event.pk}/survey/").content.decode()

    assert results["count"] == 2
    assert results["average"] == 4.5
    assert [row["number"] for row in results["distribution"]] == [0, 0, 0, 1, 1]
    assert "Very clear talk." in page
    assert "李小龙" in page


def test_survey_results_of_an_anonymous_survey_show_no_names(coordinator, past_event):
    event, ana, _li = past_event
    event.survey_anonymous = True
    event.save_revision().publish()
    services.answer_survey(ana, rating=2, comment="Too long")

    page = coordinator.get(f"/admin/events/registrations/{event.pk}/survey/").content.decode()

    assert "Too long" in page
    assert "Ana Example" not in page
