import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from qiao.mobility import services as mobility_services
from qiao.mobility.models import Application
from qiao.mobility.tests.factories import ApplicationFactory, UserFactory, upload

pytestmark = pytest.mark.django_db


def test_signup_needs_verified_email_before_login(client, homes):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "li.hua@example.org",
            "password1": "long-enough-pw-42",
            "password2": "long-enough-pw-42",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[0].body).group(0)
    login = client.post(
        "/en/accounts/login/", {"login": "li.hua@example.org", "password": "long-enough-pw-42"}
    )
    assert login["Location"] == "/en/accounts/confirm-email/"
    path = link.split("testserver", 1)[1]
    assert client.post(path).status_code == 302
    login = client.post(
        "/en/accounts/login/", {"login": "li.hua@example.org", "password": "long-enough-pw-42"}
    )
    assert login.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_login_page_uses_site_layout(client, homes):
    html = client.get("/de/accounts/login/").content.decode()
    assert 'class="account-page"' in html
    assert 'class="skip-link"' in html


def test_dashboard_lists_own_applications_only(client, call):
    mine = ApplicationFactory(call=call, status="submitted")
    ApplicationFactory(call=call, status="offered")
    client.force_login(mine.applicant)
    response = client.get(reverse("accounts:dashboard"))
    assert [a.pk for a in response.context["applications"]] == [mine.pk]


def test_export_contains_own_data(client, call):
    application = ApplicationFactory(call=call, motivation="Ich lerne Chinesisch.")
    client.force_login(application.applicant)
    response = client.get(reverse("accounts:export"))
    data = json.loads(response.content)
    assert data["account"]["email"] == application.applicant.email
    assert [a["motivation"] for a in data["applications"]] == ["Ich lerne Chinesisch."]


def test_delete_account_removes_user_applications_and_files(
    client,
    call,
    private_root,
    django_capture_on_commit_callbacks,
):
    application = ApplicationFactory(call=call)
    user = application.applicant
    mobility_services.add_document(application, by=user, document_type="cv", uploaded=upload())
    other = ApplicationFactory(call=call)
    client.force_login(user)
    wrong = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert wrong.status_code == 200
    assert get_user_model().objects.filter(pk=user.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:delete"), {"password": "secret-pass-123"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert list(Application.objects.values_list("pk", flat=True)) == [other.pk]
    assert [p for p in private_root.rglob("*") if p.is_file()] == []


def test_applicant_can_accept_offer_and_withdraw(client, call):
    application = ApplicationFactory(call=call, status="offered")
    client.force_login(application.applicant)
    client.post(reverse("mobility:accept", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "accepted"
    client.post(reverse("mobility:withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_other_user_cannot_export_someone_elses_data(client, call):
    ApplicationFactory(call=call, motivation="geheim")
    client.force_login(UserFactory())
    data = json.loads(client.get(reverse("accounts:export")).content)
    assert data["applications"] == []


def test_sign_in_and_sign_up_pages_link_to_each_other_keeping_the_next_address(client, homes):
    next_query = "?next=%2Fen%2Fapplications%2Fcall%2F7%2Fapply%2F"
    login = client.get("/en/accounts/login/" + next_query).content.decode()
    assert f'<a href="/en/accounts/signup/{next_query}">Create one</a>' in login
    signup = client.get("/en/accounts/signup/" + next_query).content.decode()
    assert f'<a href="/en/accounts/login/{next_query}">Sign in</a>' in signup


def test_dashboard_links_to_the_programmes_open_for_applications(client, programme):
    client.force_login(UserFactory())
    html = client.get("/de/account/").content.decode()
    index_url = programme.get_parent().url
    assert (
        f'<a href="{index_url}?open=1">Programme, für die Sie sich jetzt bewerben können</a>'
        in html
    )


def test_confirmation_email_speaks_in_the_centres_name(client, homes):
    client.post(
        "/de/accounts/signup/",
        {
            "email": "li.hua@example.org",
            "password1": "long-enough-pw-42",
            "password2": "long-enough-pw-42",
        },
    )

    message = mail.outbox[0]
    assert message.subject.startswith("China-Kompetenzzentrum: ")
    assert "testserver" not in message.subject
    assert "China-Kompetenzzentrum" in message.body
    assert "li.hua@example.org" in message.body
    assert "testserver/de/accounts/confirm-email/" in message.body


def test_confirming_signs_in_and_returns_to_the_page_asked_for(client, homes):
    client.post(
        "/en/accounts/signup/?next=/en/account/",
        {
            "email": "li.hua@example.org",
            "password1": "long-enough-pw-42",
            "password2": "long-enough-pw-42",
            "next": "/en/account/",
        },
    )
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[0].body).group(0)

    response = client.post(link.split("testserver", 1)[1])

    assert response["Location"] == "/en/account/"
    assert client.get("/en/account/").status_code == 200


@pytest.mark.parametrize(
    ("prefix", "greeting"), [("de", "Guten Tag,"), ("en", "Hello,"), ("zh", "您好，")]
)
def test_account_emails_greet_and_sign_like_the_centres_other_emails(
    client, homes, prefix, greeting
):
    client.post(
        f"/{prefix}/accounts/signup/",
        {
            "email": "li.hua@example.org",
            "password1": "long-enough-pw-42",
            "password2": "long-enough-pw-42",
        },
    )

    body = mail.outbox[0].body
    assert body.startswith(greeting + "\n")
    assert "Hello from" not in body
    assert "\n-- \n" in body


# "du" and its forms; German texts address the reader as "Sie".
INFORMAL = re.compile(r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines)\b", re.IGNORECASE)


def _informal_words(text: str) -> list[str]:
    return INFORMAL.findall(re.sub(r"<[^>]+>", " ", text))


@pytest.mark.parametrize(
    "path",
    [
        "/de/accounts/login/",
        "/de/accounts/signup/",
        "/de/accounts/password/reset/",
        "/de/accounts/password/reset/done/",
        "/de/accounts/confirm-email/",
        "/de/accounts/confirm-email/no-such-key/",
        "/de/accounts/password/reset/key/1-no-such-key/",
    ],
)
def test_german_account_page_addresses_the_reader_formally(client, homes, path):
    response = client.get(path, follow=True)
    assert _informal_words(response.content.decode()) == []


def test_german_account_emails_address_the_reader_formally(client, homes):
    signup = {"password1": "long-enough-pw-42", "password2": "long-enough-pw-42"}
    client.post("/de/accounts/signup/", {"email": "li.hua@example.org", **signup})
    UserFactory(email="anna@example.org")
    client.post("/de/accounts/password/reset/", {"email": "anna@example.org"})
    client.post("/de/accounts/signup/", {"email": "anna@example.org", **signup})

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert _informal_words(message.subject + message.body) == []
    assert (
        mail.outbox[1]
        .body.split("\n\n")[1]
        .startswith("Sie erhalten diese E-Mail, weil Sie oder jemand anderes das Zurücksetzen")
    )
