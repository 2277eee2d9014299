"""Signing up with double opt-in, the signed links, leaving in one click."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from qiao.newsletter import services
from qiao.newsletter.enums import Source, SubscriberStatus
from qiao.newsletter.models import Subscriber

from .factories import make_subscriber

pytestmark = pytest.mark.django_db


def url(name, *args, language="de"):
    with translation.override(language):
        return reverse(f"newsletter:{name}", args=args)


def form_data(email="mei@example.org", **extra):
    return {
        "email": email,
        "languages": ["zh-hans", "en"],
        "topics": ["events", "china_week"],
        "consent": "on",
        "website": "",
        **extra,
    }


def link_from(message, name):
    for line in message.body.splitlines():
        if f"/newsletter-subscription/{name}/" in line:
            return line.strip().removeprefix("http://testserver")
    raise AssertionError(message.body)


def test_subscribe_in_chinese_stores_choice_and_consent_and_sends_link(client, homes):
    response = client.post(url("subscribe", language="zh-hans"), form_data())

    assert response.status_code == 302
    assert response["Location"] == url("requested", language="zh-hans")
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.languages == ["zh-hans", "en"]
    assert subscriber.topics == ["events", "china_week"]
    assert subscriber.source == Source.FORM
    assert subscriber.consent_text.startswith("我")
    assert subscriber.consent_at is None
    assert [m.to for m in mail.outbox] == [["mei@example.org"]]
    assert mail.outbox[0].subject == "请确认您的通讯订阅"
    assert link_from(mail.outbox[0], "confirm").startswith("/zh/newsletter-subscription/confirm/")


def test_subscribe_known_address_answers_the_same_and_keeps_choices(client, homes):
    make_subscriber("mei@example.org", languages=["de"], topics=["news"])

    response = client.post(url("subscribe"), form_data())

    assert (response.status_code, response["Location"]) == (302, url("requested"))
    subscriber = Subscriber.objects.get()
    assert (subscriber.languages, subscriber.topics) == (["de"], ["news"])
    assert subscriber.status == SubscriberStatus.ACTIVE
    assert mail.outbox[0].subject == "Sie erhalten unseren Newsletter bereits"
    assert "/de/newsletter-subscription/preferences/" in mail.outbox[0].body


def test_subscribe_invalid_address_changes_nothing(client, homes):
    response = client.post(url("subscribe"), form_data(email="not-an-address"))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["email"]
    assert (Subscriber.objects.count(), len(mail.outbox)) == (0, 0)


def test_subscribe_without_consent_or_topic_is_refused(client, homes):
    data = form_data()
    del data["consent"]
    data["topics"] = []

    response = client.post(url("subscribe", language="en"), data)

    assert response.status_code == 400
    content = response.content.decode()
    assert "Please agree so that we may send you the newsletter." in content
    assert "Choose at least one topic." in content
    assert Subscriber.objects.count() == 0


def test_subscribe_over_rate_limit_is_refused(client, homes, settings):
    settings.NEWSLETTER_RATE_LIMIT = "2/h"
    for n in range(2):
        assert client.post(url("subscribe"), form_data(f"p{n}@example.org")).status_code == 302

    response = client.post(url("subscribe"), form_data("p3@example.org"))

    assert response.status_code == 429
    assert Subscriber.objects.filter(email="p3@example.org").exists() is False


def test_confirm_link_get_shows_button_and_post_confirms(client, homes):
    client.post(url("subscribe", language="en"), form_data())
    link = link_from(mail.outbox[0], "confirm")

    shown = client.get(link)
    assert shown.status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING

    with time_machine.travel(timezone.now() + timedelta(days=6)):
        done = client.post(link)
    subscriber = Subscriber.objects.get()
    assert done.status_code == 200
    assert "your subscription is confirmed" in done.content.decode()
    assert subscriber.status == SubscriberStatus.ACTIVE
    assert subscriber.consent_at is not None


def test_confirm_link_expired_after_a_week_says_so(client, homes):
    client.post(url("subscribe", language="en"), form_data())
    link = link_from(mail.outbox[0], "confirm")

    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.post(link)

    assert response.status_code == 400
    assert "This link has expired." in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_confirm_link_tampered_says_so(client, homes):
    subscriber = make_subscriber(status=SubscriberStatus.PENDING)
    token = services.confirmation_token(subscriber)

    response = client.post(url("confirm", token[:-2] + "xx", language="en"))

    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_manage_link_of_erased_subscriber_says_so(client, homes):
    subscriber = make_subscriber()
    token = services.manage_token(subscriber)
    services.erase_subscriber(subscriber.email)

    response = client.get(url("preferences", token, language="en"))

    assert response.status_code == 400
    assert "This address is no longer on our list." in response.content.decode()


def test_preferences_change_languages_and_topics(client, homes):
    subscriber = make_subscriber(languages=["zh-hans"], topics=["events"])
    link = url("preferences", services.manage_token(subscriber), language="en")

    response = client.post(link, {"languages": ["en", "de"], "topics": ["news"]})

    subscriber.refresh_from_db()
    assert response.status_code == 200
    assert (subscriber.languages, subscriber.topics) == (["en", "de"], ["news"])


def test_unsubscribe_get_does_not_unsubscribe(client, homes):
    subscriber = make_subscriber()

    response = client.get(url("unsubscribe", services.manage_token(subscriber)))

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.ACTIVE


def test_unsubscribe_one_click_post_works_without_csrf_token(homes):
    subscriber = make_subscriber()
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        url("unsubscribe", services.manage_token(subscriber)),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    subscriber.refresh_from_db()
    assert response.status_code == 200
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_subscribe_again_after_leaving_needs_confirmation(client, homes):
    make_subscriber(status=SubscriberStatus.UNSUBSCRIBED)

    client.post(url("subscribe"), form_data())

    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert mail.outbox[0].subject == "Bitte bestätigen Sie Ihr Newsletter-Abonnement"


def test_footer_form_leads_to_sign_up_page_with_address(client, homes):
    home = client.get("/en/").content.decode()
    assert f'action="{url("subscribe", language="en")}"' in home
    # Its own name and label: pages with a form of their own (registration, booking) have
    # an "email" field labelled "Your e-mail address" too.
    assert 'name="address"' in home
    assert "E-mail address for the newsletter" in home

    response = client.get(url("subscribe", language="en"), {"address": "mei@example.org"})

    assert response.status_code == 200
    assert response.context["form"].initial == {"languages": ["en"], "email": "mei@example.org"}
