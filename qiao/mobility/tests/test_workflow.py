import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from qiao.mobility import services
from qiao.mobility.enums import TRANSITIONS, Actor, ApplicationStatus
from qiao.mobility.models import Application, StatusChange

from .factories import ApplicationFactory, CallFactory, UserFactory, upload

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def coordinator():
    return UserFactory(is_staff=True, is_superuser=True)


def _complete_draft(call, **kwargs):
    application = ApplicationFactory(call=call, **kwargs)
    services.add_document(
        application, by=application.applicant, document_type="cv", uploaded=upload()
    )
    return application


def test_submit_one_second_before_deadline_is_accepted(call):
    application = _complete_draft(call)
    with time_machine.travel(call.closes_at - datetime.timedelta(seconds=1), tick=False):
        services.submit_application(application, by=application.applicant)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.submitted_at == call.closes_at - datetime.timedelta(seconds=1)


def test_submit_at_deadline_and_one_second_late_is_refused(call):
    application = _complete_draft(call)
    for delay in (0, 1):
        with time_machine.travel(call.closes_at + datetime.timedelta(seconds=delay), tick=False):
            with translation.override("en"), pytest.raises(services.ApplicationError) as error:
                services.submit_application(application, by=application.applicant)
        assert error.value.message == (
            "The application deadline has passed; the application was not submitted."
        )
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert StatusChange.objects.count() == 0


def test_late_submission_over_http_shows_message(client, call):
    application = _complete_draft(call)
    client.force_login(application.applicant)
    with time_machine.travel(call.closes_at + datetime.timedelta(seconds=1), tick=False):
        response = client.post(f"/en/applications/{application.pk}/submit/", follow=True)
    assert "The application deadline has passed" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_submit_without_required_document_is_refused(call):
    application = ApplicationFactory(call=call)
    with pytest.raises(services.ApplicationError):
        services.submit_application(application, by=application.applicant)
    assert Application.objects.get().status == S.DRAFT


def test_status_change_is_logged_and_mailed_in_applicant_language(
    call, coordinator, django_capture_on_commit_callbacks
):
    application = _complete_draft(call, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application, by=application.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        services.set_application_status(
            application, S.UNDER_REVIEW, actor=coordinator, note="Thanks"
        )
    changes = list(StatusChange.objects.values_list("from_status", "to_status", "actor_id", "note"))
    assert changes == [
        (S.DRAFT, S.SUBMITTED, application.applicant.pk, ""),
        (S.SUBMITTED, S.UNDER_REVIEW, coordinator.pk, "Thanks"),
    ]
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == [application.applicant.email]
    assert mail.outbox[1].subject.startswith("Your application for Winter school")
    assert "Your application is now being reviewed." in mail.outbox[1].body


def test_transition_outside_table_is_refused(call, coordinator):
    application = ApplicationFactory(call=call, status=S.SUBMITTED)
    with pytest.raises(services.ApplicationError):
        services.set_application_status(application, S.ACCEPTED, actor=coordinator)
    assert Application.objects.get().status == S.SUBMITTED


def test_applicant_cannot_make_staff_transitions(call):
    application = ApplicationFactory(call=call, status=S.OFFERED)
    services.accept_offer(application, by=application.applicant)
    with pytest.raises(services.ApplicationError):
        services.set_application_status(application, S.COMPLETED, actor=application.applicant)
    assert Application.objects.get().status == S.ACCEPTED


def test_transition_table_allows_withdrawal_before_completion_only():
    withdrawable = {frm for (frm, to), who in TRANSITIONS.items() if to == S.WITHDRAWN}
    assert withdrawable == {
        S.DRAFT,
        S.SUBMITTED,
        S.UNDER_REVIEW,
        S.SHORTLISTED,
        S.INTERVIEW,
        S.OFFERED,
        S.WAITLISTED,
        S.ACCEPTED,
    }
    assert all(
        who == {Actor.APPLICANT} for (frm, to), who in TRANSITIONS.items() if to == S.WITHDRAWN
    )


def _shortlisted(call, count):
    applications = []
    for number in range(count):
        application = ApplicationFactory(
            call=call, status=S.SHORTLISTED, submitted_at=timezone.now()
        )
        reviewer = UserFactory()
        call.reviewers.add(reviewer)
        services.save_review(application, reviewer=reviewer, score=10 - number, comment="")
        applications.append(application)
    return applications


def test_selection_offers_top_of_ranking_and_waitlists_rest(call, coordinator):
    call.places = 3
    call.is_rolling = True
    call.save()
    applications = _shortlisted(call, 5)
    assert services.run_selection(call, actor=coordinator) == (3, 2)
    statuses = [Application.objects.get(pk=a.pk) for a in applications]
    assert [(a.status, a.waitlist_position) for a in statuses] == [
        (S.OFFERED, None),
        (S.OFFERED, None),
        (S.OFFERED, None),
        (S.WAITLISTED, 1),
        (S.WAITLISTED, 2),
    ]


def test_declined_offer_moves_first_waitlisted_up(call, coordinator):
    call.places = 1
    call.is_rolling = True
    call.save()
    first, second, third = _shortlisted(call, 3)
    services.run_selection(call, actor=coordinator)
    services.decline_offer(Application.objects.get(pk=first.pk), by=first.applicant)
    assert list(Application.objects.order_by("pk").values_list("status", "waitlist_position")) == [
        (S.DECLINED, None),
        (S.OFFERED, None),
        (S.WAITLISTED, 2),
    ]


def test_raising_places_offers_them_to_waiting_list(call, coordinator):
    call.places = 2
    call.is_rolling = True
    call.save()
    _shortlisted(call, 5)
    services.run_selection(call, actor=coordinator)
    services.change_places(call, places=4, actor=coordinator)
    assert Application.objects.filter(status=S.OFFERED).count() == 4
    assert Application.objects.filter(status=S.WAITLISTED).count() == 1
    with pytest.raises(services.ApplicationError):
        services.change_places(call, places=3, actor=coordinator)
    call.refresh_from_db()
    assert call.places == 4


def test_offer_beyond_places_is_refused(call, coordinator):
    call.places = 1
    call.is_rolling = True
    call.save()
    first, second = _shortlisted(call, 2)
    services.offer_place(first, actor=coordinator)
    with pytest.raises(services.ApplicationError):
        services.offer_place(second, actor=coordinator)
    assert Application.objects.get(pk=second.pk).status == S.SHORTLISTED


def test_purge_removes_exactly_expired_unsuccessful_applications(
    call, private_root, django_capture_on_commit_callbacks
):
    call.closes_at = timezone.now() - datetime.timedelta(days=400)
    call.opens_at = call.closes_at - datetime.timedelta(days=30)
    call.save()
    expired = ApplicationFactory(call=call, status=S.REJECTED)
    kept = ApplicationFactory(call=call, status=S.ACCEPTED)
    recent_call = CallFactory(
        programme=call.programme,
        opens_at=timezone.now() - datetime.timedelta(days=300),
        closes_at=timezone.now() - datetime.timedelta(days=200),
    )
    recent = ApplicationFactory(call=recent_call, status=S.REJECTED)
    files = {}
    for application in (expired, kept):
        application.status, real = S.DRAFT, application.status
        application.save()
        document = services.add_document(
            application, by=application.applicant, document_type="cv", uploaded=upload()
        )
        Application.objects.filter(pk=application.pk).update(status=real)
        files[application.pk] = private_root / document.file.name
    assert all(path.exists() for path in files.values())

    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_expired_applications() == 1

    assert set(Application.objects.values_list("pk", flat=True)) == {
        kept.pk,
        recent.pk,
    }
    assert not files[expired.pk].exists()
    assert files[kept.pk].exists()


def _signed_in_reviewer(client, call, *, status: str):
    """A reviewer of the call, signed in; returns an application in ``status`` and the
    address of its (German) review page. The call has three criteria."""
    call.criteria_de = "Motivation\nStudienleistungen\nBezug zum Studienfach"
    call.save()
    reviewer = UserFactory()
    call.reviewers.add(reviewer)
    application = ApplicationFactory(call=call, status=status)
    client.force_login(reviewer)
    with translation.override("de"):
        return application, reverse("mobility:review", args=[application.pk])


def test_reviewer_scores_each_criterion_and_the_mean_ranks(client, call):
    from qiao.mobility.models import Review

    application, url = _signed_in_reviewer(client, call, status="under_review")

    refused = client.post(url, {"criterion_0": "9", "criterion_1": "11", "comment": "gut"})
    saved = client.post(
        url, {"criterion_0": "9", "criterion_1": "6", "criterion_2": "8", "comment": "gut"}
    )

    assert refused.status_code == 200
    assert "criterion_1" in refused.context["form"].errors
    assert saved.status_code == 302
    review = Review.objects.get()
    assert (review.criterion_scores, review.score, review.comment) == ([9, 6, 8], 8, "gut")
    form_html = client.get(url).content.decode()
    assert "Studienleistungen (0–10)" in form_html
    assert 'name="criterion_1" value="6"' in form_html


def test_a_score_outside_the_scale_is_refused_next_to_its_field(client, call):
    # The form has no browser validation (novalidate), so the message is the site's own, in
    # the site's language, tied to the field; nothing is saved.
    application, url = _signed_in_reviewer(client, call, status="submitted")

    response = client.post(
        url, {"criterion_0": "11", "criterion_1": "7", "criterion_2": "8", "comment": ""}
    )

    html = response.content.decode()
    assert '<form method="post" class="form" novalidate>' in html
    assert (
        '<p class="field-error" id="id_criterion_0-error">'
        "Dieser Wert muss kleiner oder gleich 10 sein.</p>"
    ) in html
    assert 'aria-describedby="id_criterion_0-error"' in html
    assert application.reviews.count() == 0
