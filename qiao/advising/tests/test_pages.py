import pytest
from django.test import override_settings

from qiao.advising.models import AdvisingIndexPage, AdvisingTopicPage, Booking

from .factories import SlotFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_topic_pages_lead_to_booking(client, homes):
    topic = TopicFactory(slug="visa", name_en="Visa and residence")
    index = AdvisingIndexPage(title="Advising", slug="advising", show_in_menus=True)
    homes["en"].add_child(instance=index)
    page = AdvisingTopicPage(
        title="Visa and residence", slug="visa", topic=topic, intro="Which visa?"
    )
    index.add_child(instance=page)

    index_html = client.get("/en/advising/").content.decode()
    page_html = client.get("/en/advising/visa/").content.decode()
    book_html = client.get("/en/appointments/visa/").content.decode()

    assert '<a href="/en/advising/visa/">Visa and residence</a>' in index_html
    assert 'href="/en/appointments/visa/">Book an appointment</a>' in page_html
    assert '<li><a href="/en/advising/visa/">Visa and residence</a></li>' in book_html


def test_unknown_topic_is_not_found(client, homes):
    assert client.get("/en/appointments/no-such-topic/").status_code == 404


@override_settings(ADVISING_BOOKING_RATE_LIMIT="2/h")
def test_booking_is_rate_limited_per_address(client, homes, now):
    topic = TopicFactory()
    slots = [SlotFactory(topic=topic, starts_at=now.replace(day=28, hour=h)) for h in (8, 9, 10)]
    data = {
        "name": "Li Wei",
        "person_status": "student",
        "question": "Visa?",
        "privacy": "on",
        "website": "",
    }

    statuses = [
        client.post(
            f"/en/appointments/{topic.slug}/",
            {**data, "slot": slot.pk, "email": f"p{number}@example.org"},
        ).status_code
        for number, slot in enumerate(slots)
    ]

    assert statuses == [302, 302, 429]
    assert Booking.objects.count() == 2


@override_settings(ADVISING_BOOKING_RATE_LIMIT="2/h")
def test_invalid_bookings_do_not_use_up_the_limit(client, homes, now):
    topic = TopicFactory()
    slots = [SlotFactory(topic=topic, starts_at=now.replace(day=28, hour=h)) for h in (8, 9, 10)]
    data = {
        "name": "Li Wei",
        "person_status": "student",
        "question": "Visa?",
        "privacy": "on",
        "website": "",
    }
    url = f"/en/appointments/{topic.slug}/"

    junk = [client.post(url, {"name": "x"}).status_code for _ in range(5)]
    valid = [
        client.post(url, {**data, "slot": slot.pk, "email": f"p{n}@example.org"}).status_code
        for n, slot in enumerate(slots)
    ]

    assert junk == [400] * 5
    assert valid == [302, 302, 429]
    assert Booking.objects.count() == 2
