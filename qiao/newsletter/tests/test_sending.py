"""Sending an issue: audience, language rule, batches, the e-mail's format and headers."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from qiao.newsletter import queries, sending
from qiao.newsletter.enums import SendingStatus, SubscriberStatus
from qiao.newsletter.models import Delivery, IssueSending
from qiao.outbox.models import OutgoingEmail

from .factories import make_issue, make_subscriber, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        "editor", email="editor@example.org", password="x", is_superuser=True, is_staff=True
    )


def test_issue_reaches_active_subscribers_of_its_topics_only(archives, staff):
    issue = make_issue(archives["de"], topics=["events"])
    make_subscriber("a@example.org", languages=["de"], topics=["events", "news"])
    make_subscriber("b@example.org", languages=["de"], topics=["news"])
    make_subscriber("c@example.org", topics=["events"], status=SubscriberStatus.PENDING)
    make_subscriber("d@example.org", topics=["events"], status=SubscriberStatus.BOUNCED)
    make_subscriber("e@example.org", topics=["events"], status=SubscriberStatus.UNSUBSCRIBED)

    sending.schedule_sending(issue, user=staff)

    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org"]


def test_subscriber_gets_issue_in_first_language_available_else_english_else_original(
    archives, locales, staff
):
    issue = make_issue(archives["de"], title="Ausgabe März")
    translate(issue, locales["en"], title="March issue")
    make_subscriber("zh-en@example.org", languages=["zh-hans", "en"])
    make_subscriber("zh@example.org", languages=["zh-hans"])
    make_subscriber("de@example.org", languages=["de", "en"])

    summary = queries.audience_summary(issue)
    sending.schedule_sending(issue, user=staff)

    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "zh-en@example.org": "March issue",
        "zh@example.org": "March issue",
        "de@example.org": "Ausgabe März",
    }
    assert summary["total"] == 3
    assert [(row["code"], row["count"]) for row in summary["by_language"]] == [
        ("de", 1),
        ("en", 2),
    ]
    assert summary["missing"] == ["zh-hans"]


def test_issue_without_english_goes_to_others_in_original_language(archives, staff):
    issue = make_issue(archives["de"], title="Nur deutsch")
    make_subscriber("zh@example.org", languages=["zh-hans"])

    sending.schedule_sending(issue, user=staff)

    assert [(m.to[0], m.subject) for m in mail.outbox] == [("zh@example.org", "Nur deutsch")]


def test_issue_email_has_html_and_text_parts_and_one_click_headers(archives, staff):
    issue = make_issue(
        archives["de"],
        body=[
            ("heading", "Veranstaltungen"),
            ("text", '<p>Mehr auf <a href="/de/">unserer Seite</a>.</p>'),
        ],
    )
    subscriber = make_subscriber(languages=["de"])

    sending.schedule_sending(issue, user=staff)

    message = mail.outbox[0]
    html = message.alternatives[0][0]
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/de/newsletter-subscription/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.alternatives[0][1] == "text/html"
    assert '<a href="http://testserver/de/"' in html
    assert "<style" not in html and 'style="' in html
    assert "<img" not in html
    assert message.body.startswith("China-Kompetenzzentrum · Newsletter\n\nAusgabe März\n")
    assert "Mehr auf unserer Seite (http://testserver/de/)." in message.body
    assert unsubscribe[1:-1] in message.body
    delivery = Delivery.objects.get()
    assert (delivery.subscriber, delivery.language) == (subscriber, "de")


def test_sending_goes_in_batches_and_each_subscriber_once(archives, staff, settings):
    settings.NEWSLETTER_BATCH_SIZE = 2
    issue = make_issue(archives["de"])
    for n in range(5):
        make_subscriber(f"p{n}@example.org", languages=["de"])

    result = sending.schedule_sending(issue, user=staff)

    result.refresh_from_db()
    assert (result.status, result.audience_count) == (SendingStatus.DONE, 5)
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{n}@example.org" for n in range(5)]
    assert Delivery.objects.count() == OutgoingEmail.objects.count() == 5


def test_sending_an_issue_twice_is_refused(archives, staff):
    issue = make_issue(archives["de"])
    sending.schedule_sending(issue, user=staff)

    with pytest.raises(sending.SendingError) as error:
        sending.schedule_sending(issue, user=staff)

    assert error.value.message == "Diese Ausgabe wurde bereits versandt oder ist geplant."


def test_batch_run_again_after_the_end_sends_nothing(archives, staff):
    issue = make_issue(archives["de"])
    make_subscriber(languages=["de"])
    result = sending.schedule_sending(issue, user=staff)

    assert sending.send_next_batch(result.pk) == 0
    assert len(mail.outbox) == 1


def test_test_send_goes_to_staff_in_every_language(archives, locales, staff):
    issue = make_issue(archives["de"], title="Ausgabe März")
    translate(issue, locales["zh-hans"], title="三月刊")

    assert sending.send_test(issue, user=staff) == 2

    assert sorted(m.subject for m in mail.outbox) == ["[Test] Ausgabe März", "[测试] 三月刊"]
    assert [m.to for m in mail.outbox] == [["editor@example.org"]] * 2
    assert Delivery.objects.count() == 0


def test_sent_issue_appears_in_archive_and_feed(client, archives, staff):
    issue = make_issue(archives["de"], title="Ausgabe März")
    draft = make_issue(archives["de"], title="Noch nicht versandt")
    sending.schedule_sending(issue, user=staff)

    page = client.get(archives["de"].url)
    feed = client.get("/de/newsletter/feed/")

    assert [i.title for i in page.context["issues"]] == ["Ausgabe März"]
    assert "Ausgabe März" in feed.content.decode()
    assert draft.title not in feed.content.decode()


def test_periodic_job_starts_a_due_sending_and_resumes_a_stalled_one(archives, staff, settings):
    from datetime import timedelta

    import time_machine
    from django.core.management import call_command
    from django.utils import timezone

    settings.NEWSLETTER_BATCH_SIZE = 1
    first = make_issue(archives["de"], title="Erste")
    second = make_issue(archives["de"], title="Zweite")
    reached, missed = (make_subscriber(f"p{n}@example.org", languages=["de"]) for n in range(2))
    later = timezone.now() + timedelta(hours=1)
    scheduled = sending.schedule_sending(first, user=staff, send_at=later)
    # A sending whose chain of tasks broke after its first batch:
    stalled = IssueSending.objects.create(
        issue=second, status=SendingStatus.SENDING, started_at=timezone.now(),
        last_batch_at=timezone.now(), audience_count=2,
    )  # fmt: skip
    Delivery.objects.create(sending=stalled, subscriber=reached, language="de")
    assert mail.outbox == []

    with time_machine.travel(later + timedelta(minutes=1)):
        call_command("send_newsletters", verbosity=0)

    scheduled.refresh_from_db()
    stalled.refresh_from_db()
    assert (scheduled.status, stalled.status) == (SendingStatus.DONE, SendingStatus.DONE)
    assert sorted((m.subject, m.to[0]) for m in mail.outbox) == [
        ("Erste", "p0@example.org"),
        ("Erste", "p1@example.org"),
        ("Zweite", "p1@example.org"),
    ]
