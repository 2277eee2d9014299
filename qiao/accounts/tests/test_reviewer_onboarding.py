"""A new reviewer of a call gets an e-mail in their language with a link to set a password
and a link to their reviews."""

import re

import pytest
from django.core import mail
from wagtail.users.models import UserProfile

from qiao.mobility import services as mobility_services
from qiao.mobility.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(homes):
    user = UserFactory(email="zhang.wei@example.org", first_name="Wei", last_name="Zhang")
    user.set_unusable_password()
    user.save()
    return user


def assign(call, reviewer, django_capture_on_commit_callbacks):
    previous = set(call.reviewers.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        call.reviewers.add(reviewer)
        return mobility_services.welcome_new_reviewers(call, previous_ids=previous)


def test_new_reviewer_gets_welcome_in_their_language(
    call, reviewer, django_capture_on_commit_callbacks
):
    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = "zh-hans"
    profile.save()
    assert assign(call, reviewer, django_capture_on_commit_callbacks) == [reviewer.pk]
    assert [message.to for message in mail.outbox] == [["zhang.wei@example.org"]]
    assert mail.outbox[0].subject == f"您已被指定为“{call.title_zh}”的评审人"
    body = mail.outbox[0].body
    assert f"http://testserver/zh/applications/review/call/{call.pk}/" in body.split()
    assert re.search(r"http://testserver/zh/account/welcome/\S+/", body)


def test_reviewer_already_assigned_gets_no_second_mail(
    call, reviewer, django_capture_on_commit_callbacks
):
    call.reviewers.add(reviewer)
    assert assign(call, reviewer, django_capture_on_commit_callbacks) == []
    assert mail.outbox == []


def test_welcome_link_sets_password_and_leads_to_reviews(
    client, call, reviewer, django_capture_on_commit_callbacks
):
    assign(call, reviewer, django_capture_on_commit_callbacks)
    link = re.search(r"http://testserver(/de/account/welcome/\S+/)", mail.outbox[0].body)[1]
    response = client.get(link, follow=True)
    form_path = response.redirect_chain[-1][0]
    assert form_path.startswith("/de/accounts/password/reset/key/")
    client.post(form_path, {"password1": "reviewer-pass-2026", "password2": "reviewer-pass-2026"})
    reviewer.refresh_from_db()
    assert reviewer.check_password("reviewer-pass-2026")

    response = client.post(
        "/de/accounts/login/",
        {
            "login": "zhang.wei@example.org",
            "password": "reviewer-pass-2026",
            "next": f"/de/applications/review/call/{call.pk}/",
        },
    )
    assert response["Location"] == f"/de/applications/review/call/{call.pk}/"
    assert client.get(response["Location"]).status_code == 200
    assert client.get(link).status_code == 410
