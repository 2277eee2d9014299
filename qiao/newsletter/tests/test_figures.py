"""The figures: subscribers per language and topic at a date, sent and failed per issue."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from qiao.newsletter import sending, services
from qiao.newsletter.queries import newsletter_figures
from qiao.outbox.enums import EmailStatus
from qiao.outbox.models import OutgoingEmail

from .factories import make_issue, make_subscriber

pytestmark = pytest.mark.django_db

JANUARY = datetime.datetime(2026, 1, 15, 10, tzinfo=datetime.UTC)
MARCH = datetime.datetime(2026, 3, 15, 10, tzinfo=datetime.UTC)


def test_figures_count_subscribers_per_language_and_topic_at_the_end_of_the_period(homes):
    with time_machine.travel(JANUARY, tick=False):
        make_subscriber("a@example.org", languages=["zh-hans", "en"], topics=["events"])
        leaver = make_subscriber("b@example.org", languages=["de"], topics=["news"])
    with time_machine.travel(MARCH, tick=False):
        make_subscriber("c@example.org", languages=["de"], topics=["events", "china_week"])
        services.unsubscribe(leaver)

    february = newsletter_figures(JANUARY, JANUARY + datetime.timedelta(days=30))
    april = newsletter_figures(
        MARCH - datetime.timedelta(days=1), MARCH + datetime.timedelta(days=1)
    )

    assert (february["subscribers"], february["new_subscribers"], february["unsubscribed"]) == (
        2,
        2,
        0,
    )
    assert february["per_language"] == {"de": 1, "en": 1, "zh-hans": 1}
    assert february["per_topic"] == {"events": 1, "programmes": 0, "china_week": 0, "news": 1}
    assert (april["subscribers"], april["new_subscribers"], april["unsubscribed"]) == (2, 1, 1)
    assert april["per_language"] == {"de": 1, "en": 1, "zh-hans": 1}
    assert april["per_topic"] == {"events": 2, "programmes": 0, "china_week": 1, "news": 0}


def test_figures_count_sent_and_failed_per_issue(archives):
    staff = get_user_model().objects.create_user("editor", email="editor@example.org")
    make_subscriber("a@example.org", languages=["de"])
    make_subscriber("b@example.org", languages=["de"])
    sending.schedule_sending(make_issue(archives["de"]), user=staff)
    OutgoingEmail.objects.filter(recipients="b@example.org").update(
        status=EmailStatus.FAILED, failed_at=timezone.now()
    )

    issues = newsletter_figures()["issues"]

    assert [(i["title"], i["sent"], i["failed"], i["waiting"], i["audience"]) for i in issues] == [
        ("Ausgabe März", 1, 1, 0, 2)
    ]
