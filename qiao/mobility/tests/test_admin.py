import datetime

import pytest
from django.urls import reverse

from qiao.mobility.models import Application, Call, CallQuestion

from .factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _form_data(call, places):
    return {
        "programme": call.programme.pk,
        "title_de": call.title_de,
        "title_en": call.title_en,
        "title_zh": call.title_zh,
        "opens_at": call.opens_at.strftime("%Y-%m-%d %H:%M"),
        "closes_at": call.closes_at.strftime("%Y-%m-%d %H:%M"),
        "places": str(places),
        "retention_months": "12",
        "reply_days": "14",
        "budget": "0.00",
        "flight_amount": "0.00",
        "visa_amount": "0.00",
        "stipend_amount": "0.00",
        "flat_rate_amount": "0.00",
        "required_documents": ["cv", "transcript"],
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "interview_slots-TOTAL_FORMS": "0",
        "interview_slots-INITIAL_FORMS": "0",
        "interview_slots-MIN_NUM_FORMS": "0",
        "interview_slots-MAX_NUM_FORMS": "1000",
    }


def test_raising_places_in_admin_offers_them_to_the_waiting_list(client, call):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    call.places = 1
    call.save()
    ApplicationFactory(call=call, status="offered")
    first = ApplicationFactory(call=call, status="waitlisted", waitlist_position=1)
    second = ApplicationFactory(call=call, status="waitlisted", waitlist_position=2)
    url = reverse("mobility_calls:edit", args=[call.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(call, 2))
    assert response.status_code == 302
    call = Call.objects.get(pk=call.pk)
    assert (call.places, call.required_documents) == (2, ["cv", "transcript"])
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert (statuses[first.pk], statuses[second.pk]) == ("offered", "waitlisted")


def test_lowering_places_below_offers_is_refused_in_admin(client, call):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    ApplicationFactory.create_batch(3, call=call, status="accepted")
    response = client.post(reverse("mobility_calls:edit", args=[call.pk]), _form_data(call, 2))
    assert response.status_code == 200
    assert Call.objects.get(pk=call.pk).places == 10


def test_admin_application_shows_the_answers_to_the_calls_questions(client, call):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    question = CallQuestion.objects.create(
        call=call, text_de="Welche Kenntnisse des Chinesischen haben Sie?", is_required=True
    )
    CallQuestion.objects.create(call=call, text_de="Sonst noch etwas?")
    application = ApplicationFactory(
        call=call, status="submitted", answers={str(question.pk): "HSK 3"}
    )
    response = client.get(reverse("mobility_admin:application", args=[application.pk]))
    assert response.context["questions"] == [
        ("Welche Kenntnisse des Chinesischen haben Sie?", "HSK 3"),
        ("Sonst noch etwas?", ""),
    ]
    html = response.content.decode()
    assert "<h3>Welche Kenntnisse des Chinesischen haben Sie?</h3><p>HSK 3</p>" in html
    assert "<h3>Sonst noch etwas?</h3><p>–</p>" in html


def test_admin_application_offers_only_the_statuses_staff_may_choose(client, call):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    application = ApplicationFactory(call=call, status="submitted")
    url = reverse("mobility_admin:application", args=[application.pk])
    form = client.get(url).context["form"]
    assert [value for value, _label in form.fields["status"].choices] == [
        "draft",
        "under_review",
    ]
    response = client.post(url, {"status": "accepted", "note": ""})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["status"]
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_admin_application_says_when_no_status_change_is_left(client, call):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    application = ApplicationFactory(call=call, status="withdrawn")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("mobility_admin:application", args=[application.pk]))
    html = response.content.decode()
    assert "<p>No further status change is possible.</p>" in html
    assert 'name="status"' not in html


def _staff_with_admin_access():
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_reviewers_find_their_reviews_from_the_back_office(client, call):
    reviewer = _staff_with_admin_access()
    call.reviewers.add(reviewer)
    client.force_login(reviewer)

    html = client.get("/admin/").content.decode()

    # The sidebar menu is given to the admin's script as JSON.
    assert '"label": "Meine Begutachtungen"' in html
    assert '"url": "/de/applications/review/"' in html


def test_the_review_link_is_not_shown_to_those_who_review_nothing(client, call):
    client.force_login(_staff_with_admin_access())

    html = client.get("/admin/").content.decode()

    assert "/applications/review/" not in html


def test_admin_application_shows_the_interview_time_the_applicant_booked(client, call):
    from qiao.mobility import services
    from qiao.mobility.models import InterviewSlot

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    application = ApplicationFactory(call=call, status="interview")
    start = datetime.datetime(2027, 3, 4, 9, 30, tzinfo=datetime.UTC)  # 10:30 in Berlin
    slot = InterviewSlot.objects.create(call=call, starts_at=start, location="Raum B 204")
    url = reverse("mobility_admin:application", args=[application.pk])
    assert client.get(url).context["slot"] is None

    services.pick_interview_slot(application, slot, by=application.applicant)
    html = client.get(url).content.decode()

    assert (
        '<p>Gespräch: <time datetime="2027-03-04T10:30:00+01:00">4. März 2027 10:30</time>'
    ) in html
    assert "Raum B 204</p>" in html


def test_reviewer_choice_offers_staff_by_name_and_never_applicants(client, call):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, first_name="Cora"))
    UserFactory(first_name="Lena", last_name="Lehrend", email="lena@example.org")
    applicant = ApplicationFactory(call=call).applicant
    former = UserFactory(first_name="Frank", last_name="Früher")
    ApplicationFactory(call=call, applicant=former)
    call.reviewers.add(former)  # chosen before they applied: still shown, so not lost

    form = client.get(reverse("mobility_calls:edit", args=[call.pk])).context["form"]
    choices = {label for _value, label in form.fields["reviewers"].choices}

    assert "Lena Lehrend <lena@example.org>" in choices
    assert f"{former.get_full_name()} <{former.email}>" in choices
    assert not any(applicant.email in label for label in choices)


def test_admin_application_shows_each_reviewers_score_per_criterion(client, call):
    from qiao.mobility.models import Review

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    call.criteria_de = "Motivation\nStudienleistung\nSprachkenntnisse"
    call.save()
    application = ApplicationFactory(call=call, status="under_review")
    reviewer = UserFactory(first_name="Rainer", last_name="Gutachter")
    Review.objects.create(
        application=application, reviewer=reviewer, score=8, criterion_scores=[9, 6, 8]
    )

    html = client.get(reverse("mobility_admin:application", args=[application.pk])).content
    html = html.decode()

    assert "Rainer Gutachter: 8" in html
    assert (
        "<ul><li>Motivation: 9</li><li>Studienleistung: 6</li><li>Sprachkenntnisse: 8</li></ul>"
        in html
    )
