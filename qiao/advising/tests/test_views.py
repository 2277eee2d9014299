import datetime
import re

import pytest
import time_machine
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qiao.advising.enums import BookingStatus, MeetingMode
from qiao.advising.links import confirm_token, manage_token
from qiao.advising.models import BlockedDay, Booking

from .factories import BookingFactory, SlotFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("homes")]

VALID = {
    "name": "Li Wei",
    "email": "li@example.org",
    "person_status": "student",
    "question": "Which visa do I need for a semester in Kunming?",
    "privacy": "on",
    "website": "",
}


def _url(topic):
    return f"/en/appointments/{topic.slug}/"


def test_book_page_lists_free_slots_in_berlin_and_china_time(client, now):
    slot = SlotFactory(topic=TopicFactory(slug="visa"))
    BookingFactory(
        slot__topic=slot.topic, slot__starts_at=slot.starts_at + datetime.timedelta(hours=1)
    )

    response = client.get("/en/appointments/visa/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('type="radio" name="slot"') == 1
    assert '<time datetime="2026-12-02T10:00:00+01:00">' in html
    assert '<span class="cst">(17:00 China time)</span>' in html


def test_book_page_hides_slots_on_blocked_days_and_after_cut_off(client, now):
    topic = TopicFactory()
    SlotFactory(topic=topic, starts_at=now + datetime.timedelta(minutes=60))
    blocked = SlotFactory(
        topic=topic, starts_at=datetime.datetime(2026, 12, 24, 9, tzinfo=datetime.UTC)
    )
    BlockedDay.objects.create(date=datetime.date(2026, 12, 24))
    shown = SlotFactory(
        topic=topic, starts_at=datetime.datetime(2026, 12, 23, 9, tzinfo=datetime.UTC)
    )

    html = client.get(_url(topic)).content.decode()

    assert re.findall(r'name="slot" id="slot-(\d+)"', html) == [str(shown.pk)]
    assert f"slot-{blocked.pk}" not in html


def test_book_page_query_count_does_not_grow_with_slots(client, now, django_assert_num_queries):
    topic = TopicFactory()
    SlotFactory(topic=topic)
    BlockedDay.objects.create(date=datetime.date(2026, 12, 24))
    client.get(_url(topic))  # the first request of all stores the site settings
    with CaptureQueriesContext(connection) as one:
        client.get(_url(topic))
    for hour in range(1, 20):
        SlotFactory(
            topic=topic, starts_at=datetime.datetime(2026, 12, 3, hour, tzinfo=datetime.UTC)
        )
    client.get(_url(topic))  # a new advisor moves the content version on: header anew
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(topic))

    assert response.content.decode().count('name="slot"') == 20
    assert len(many) == len(one)


def test_booking_flow_book_confirm_cancel(client, now, django_capture_on_commit_callbacks):
    slot = SlotFactory(mode=MeetingMode.ONLINE, room="", online_link="https://meet.example.org/x")
    html = client.get(_url(slot.topic)).content.decode()
    assert "meet.example.org" not in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(slot.topic), {**VALID, "slot": slot.pk})
    assert response.status_code == 302
    assert response["Location"] == "/en/appointments/requested/"
    confirm_path = re.search(
        r"http://testserver(/en/appointments/confirm/\S+/)", mail.outbox[0].body
    )[1]

    assert client.get(confirm_path).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_path)
    booking = Booking.objects.get()
    assert "https://meet.example.org/x" in mail.outbox[1].body
    assert booking.status == BookingStatus.CONFIRMED
    manage_path = f"/en/appointments/booking/{manage_token(booking)}/"
    assert response["Location"] == manage_path
    manage_page = client.get(manage_path)
    page = manage_page.content.decode()
    assert "https://meet.example.org/x" in page
    assert manage_page["Cache-Control"] == "private, no-store"
    assert manage_page["X-Robots-Tag"] == "noindex, nofollow"

    ics = client.get(f"{manage_path}appointment.ics")
    assert ics["Content-Type"] == "text/calendar"
    assert b"LOCATION:https://meet.example.org/x" in ics.content

    client.post(f"{manage_path}cancel/")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_book_with_bad_input_shows_messages_and_changes_nothing(client, now):
    slot = SlotFactory()

    response = client.post(
        _url(slot.topic), {**VALID, "email": "not-an-address", "privacy": "", "slot": ""}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Please choose a time." in html
    assert "Enter a valid email address." in html
    assert 'aria-invalid="true"' in html
    assert Booking.objects.count() == 0
    assert mail.outbox == []


def test_book_taken_slot_says_just_taken_and_shows_others(client, now):
    taken = BookingFactory().slot
    other = SlotFactory(topic=taken.topic, starts_at=taken.starts_at + datetime.timedelta(hours=2))

    response = client.post(_url(taken.topic), {**VALID, "slot": taken.pk})

    html = response.content.decode()
    assert response.status_code == 409
    assert "Sorry, this time was just taken. Please choose another one." in html
    assert re.findall(r'name="slot" id="slot-(\d+)"', html) == [str(other.pk)]
    assert Booking.objects.count() == 1


def test_book_second_open_booking_on_topic_is_refused(client, now):
    first = BookingFactory(email="li@example.org")
    other = SlotFactory(
        topic=first.slot.topic, starts_at=first.slot.starts_at + datetime.timedelta(hours=2)
    )

    response = client.post(_url(first.slot.topic), {**VALID, "slot": other.pk})

    assert response.status_code == 400
    assert "You already have an open appointment on this topic." in response.content.decode()
    assert Booking.objects.count() == 1


def test_tampered_links_are_refused(client, now):
    booking = BookingFactory(
        status=BookingStatus.PENDING, hold_expires_at=now + datetime.timedelta(minutes=30)
    )
    token = confirm_token(booking)
    forged = signing.dumps(booking.pk, salt="something-else")

    for path in (
        f"/en/appointments/confirm/{token[:-2]}xx/",
        f"/en/appointments/confirm/{manage_token(booking)}/",
        f"/en/appointments/booking/{forged}/",
    ):
        response = client.post(path)
        assert response.status_code == 400
        assert "This link is not valid." in response.content.decode()
    response = client.post(f"/en/appointments/booking/{token[:-2]}xx/cancel/")
    assert response.status_code == 400
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PENDING


def test_expired_confirm_link_is_refused(client, now):
    booking = BookingFactory(
        status=BookingStatus.PENDING, hold_expires_at=now + datetime.timedelta(minutes=30)
    )
    token = confirm_token(booking)

    with time_machine.travel(now + datetime.timedelta(minutes=31), tick=False):
        response = client.post(f"/en/appointments/confirm/{token}/")

    assert response.status_code == 400
    assert "This link has expired." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PENDING


def test_rebook_via_link_moves_appointment(client, now):
    booking = BookingFactory()
    new_slot = SlotFactory(
        topic=booking.slot.topic, starts_at=booking.slot.starts_at + datetime.timedelta(days=1)
    )
    path = f"/en/appointments/booking/{manage_token(booking)}/"

    assert f'id="slot-{new_slot.pk}"' in client.get(path).content.decode()
    response = client.post(f"{path}rebook/", {"slot": new_slot.pk})

    assert response["Location"] == path
    booking.refresh_from_db()
    assert booking.slot == new_slot


def test_confirmation_in_chinese(client, now, django_capture_on_commit_callbacks):
    slot = SlotFactory()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/zh/appointments/{slot.topic.slug}/", {**VALID, "slot": slot.pk})

    booking = Booking.objects.get()
    assert booking.language == "zh-hans"
    assert "/zh/appointments/confirm/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("days", "promise"),
    [(365, "deleted 365 days after it at the latest"), (1, "deleted 1 day after it")],
)
def test_booking_form_promises_the_retention_period_that_is_set(client, settings, days, promise):
    settings.ADVISING_RETENTION_DAYS = days
    SlotFactory(topic=TopicFactory(slug="visa"))

    html = client.get("/en/appointments/visa/").content.decode()

    assert promise in html
    assert "one year" not in html
