"""The back office: the send confirmation page, test, send, subscribers."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from qiao.newsletter.enums import SendingStatus, SubscriberStatus
from qiao.newsletter.models import IssueSending, Subscriber

from .factories import make_issue, make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user(
        "editor", email="editor@example.org", password="x", is_superuser=True, is_staff=True
    )
    client.force_login(user)
    return user


def test_send_page_shows_recipient_count_and_language_rule(client, archives, editor):
    issue = make_issue(archives["de"], topics=["events"])
    make_subscriber("a@example.org", languages=["zh-hans"])
    make_subscriber("b@example.org", languages=["de"])
    make_subscriber("c@example.org", topics=["news"])

    response = client.get(reverse("newsletter_admin:send", args=[issue.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["summary"]["total"] == 2
    assert "An 2 Abonnentinnen und Abonnenten senden" in content
    assert "in der Sprache, in der sie geschrieben wurde" in content
    assert IssueSending.objects.count() == 0


def test_send_now_from_confirmation_page_sends(client, archives, editor):
    issue = make_issue(archives["de"])
    make_subscriber(languages=["de"])

    response = client.post(reverse("newsletter_admin:send", args=[issue.pk]), {"send_at": ""})

    sending = IssueSending.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter_admin:sending", args=[sending.pk])
    assert sending.status == SendingStatus.DONE
    assert [m.to for m in mail.outbox] == [["mei@example.org"]]


def test_schedule_in_the_past_is_refused(client, archives, editor):
    issue = make_issue(archives["de"])

    response = client.post(
        reverse("newsletter_admin:send", args=[issue.pk]), {"send_at": "2020-01-01T10:00"}
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["send_at"]
    assert IssueSending.objects.count() == 0


def test_send_test_to_me(client, archives, editor):
    issue = make_issue(archives["de"])

    response = client.post(reverse("newsletter_admin:test", args=[issue.pk]))

    assert response.status_code == 302
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["editor@example.org"], "[Test] Ausgabe März")
    ]


def test_send_refused_without_permission(client, archives):
    issue = make_issue(archives["de"])
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("guest", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(reverse("newsletter_admin:send", args=[issue.pk]), {"send_at": ""})

    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert IssueSending.objects.count() == 0


def test_mark_bounced_from_subscriber_list(client, editor, homes):
    subscriber = make_subscriber()

    client.post(
        reverse("newsletter_admin:mark", args=[subscriber.pk]),
        {"status": "bounced", "note": "550 user unknown"},
    )

    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.status_note) == (
        SubscriberStatus.BOUNCED,
        "550 user unknown",
    )


def test_subscriber_list_shows_subscribers(client, editor, homes):
    make_subscriber("a@example.org")

    response = client.get(reverse("newsletter_admin:subscribers"))

    assert response.status_code == 200
    assert [s.email for s in response.context["page"]] == ["a@example.org"]
    assert Subscriber.objects.count() == 1


def test_preview_as_email_shows_the_issue_with_inline_styles(rf, archives):
    issue = make_issue(archives["de"], title="Ausgabe März")

    response = issue.serve_preview(rf.get("/"), "email")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and ">Ausgabe März</h1>" in html
    assert "<style" not in html
    assert "Dies ist ein Test." in html
