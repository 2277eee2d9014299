import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from qiao.incoming import links, services
from qiao.incoming.models import Participant

from .factories import CohortFactory, ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db

DURING = datetime.datetime(2026, 7, 8, 10, 0, tzinfo=datetime.UTC)


def _url(participant, name="incoming:portal", language="zh-hans"):
    with translation.override(language):
        return reverse(name, args=[links.portal_token(participant)])


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@time_machine.travel(DURING)
def test_portal_shows_programme_and_timetable(client, homes):
    participant = ParticipantFactory()
    SessionFactory(cohort=participant.cohort, title="Einführung", room="A 101")
    response = client.get(_url(participant, language="en"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Summer School Energy Transition</h1>" in page
    assert "Einführung" in page
    assert '<time datetime="2026-07-06T09:00:00+02:00">09:00 – 11:00</time>' in page
    assert "(15:00 – 17:00 China time)" in page


@time_machine.travel(DURING)
def test_portal_saves_details(client, homes):
    participant = ParticipantFactory()
    response = client.post(
        _url(participant),
        {
            "name_zh": "李小龙",
            "name_pinyin": "Li Xiaolong",
            "passport_name": "LI XIAOLONG",
            "date_of_birth": "2003-04-05",
            "language": "zh-hans",
            "passport_number": "E12345678",
            "passport_expires_on": "2031-01-31",
            "arrival_at": "2026-07-05T14:30",
            "arrival_details": "CA 931 Frankfurt",
            "diet": "vegetarisch",
            "emergency_contact": "李明 (father) +86 138 0000 0000",
            "insurance_until": "2026-08-31",
            "visa_until": "2026-09-30",
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.passport_number == "E12345678"
    assert participant.arrival_at == datetime.datetime(2026, 7, 5, 12, 30, tzinfo=datetime.UTC)
    assert participant.emergency_contact == "李明 (father) +86 138 0000 0000"


@time_machine.travel(DURING)
def test_portal_bad_date_changes_nothing(client, homes):
    participant = ParticipantFactory(diet="")
    response = client.post(
        _url(participant, language="en"),
        {
            "name_pinyin": "Li Xiaolong",
            "passport_name": "LI XIAOLONG",
            "date_of_birth": "2003-02-31",
            "language": "en",
            "diet": "halal",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"date_of_birth": ["Enter a valid date."]}
    participant.refresh_from_db()
    assert participant.diet == ""


@time_machine.travel(DURING)
def test_portal_tampered_link_gets_clear_page(client, homes):
    participant = ParticipantFactory()
    url = _url(participant, language="en")
    response = client.get(url[:-3] + "xx/")
    assert response.status_code == 400
    assert response.context["message"] == (
        "This link is not valid. Please copy the whole link from the e-mail."
    )


def test_portal_expired_link_gets_clear_page(client, homes):
    participant = ParticipantFactory()
    with time_machine.travel(datetime.datetime(2026, 8, 18, 10, 0, tzinfo=datetime.UTC)):
        assert client.get(_url(participant, language="en")).status_code == 200
    with time_machine.travel(datetime.datetime(2026, 8, 19, 10, 0, tzinfo=datetime.UTC)):
        response = client.get(_url(participant, language="en"))
    assert response.status_code == 410
    assert response.context["message"] == (
        "This link has expired: the programme has ended. If you need a letter, please "
        "write to the centre."
    )


@time_machine.travel(DURING)
def test_portal_passport_upload_is_stored_privately(client, homes, private_root):
    participant = ParticipantFactory()
    response = client.post(
        _url(participant, "incoming:passport"),
        {"passport_page": SimpleUploadedFile("pass.png", _png())},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.passport_content_type == "image/png"
    assert (private_root / participant.passport_file.name).read_bytes() == _png()


@time_machine.travel(DURING)
def test_portal_passport_upload_refuses_other_files(client, homes):
    participant = ParticipantFactory()
    response = client.post(
        _url(participant, "incoming:passport", language="en"),
        {"passport_page": SimpleUploadedFile("pass.png", b"#!/bin/sh\necho hello\n")},
    )
    assert response.status_code == 400
    assert response.context["passport_form"].errors == {
        "passport_page": ["Only PDF, JPEG and PNG files are accepted; this file is none of them."]
    }
    assert Participant.objects.get().passport_file.name == ""


@time_machine.travel(DURING)
def test_portal_timetable_ics_lists_sessions(client, homes):
    participant = ParticipantFactory()
    SessionFactory(cohort=participant.cohort, title="Labor", room="B 2")
    response = client.get(_url(participant, "incoming:timetable_ics"))
    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar"
    assert "SUMMARY:Labor" in body
    assert "DTSTART;TZID=Europe/Berlin:20260706T090000" in body


def test_send_portal_links_in_each_language(coordinator):
    cohort = CohortFactory()
    ParticipantFactory(cohort=cohort, language="en", email="en@example.cn")
    services.send_portal_links(cohort, by=coordinator)
    assert [message.to for message in mail.outbox] == [["en@example.cn"]]
    assert mail.outbox[0].subject == ("Your personal page for Summer School Energy Transition")
    assert "/en/incoming/" in mail.outbox[0].body


@time_machine.travel(DURING)
def test_portal_in_chinese(client, homes):
    participant = ParticipantFactory(diet="")
    response = client.get(_url(participant, language="zh-hans"))
    page = response.content.decode()
    assert "<h1>能源转型暑期学校</h1>" in page
    assert '<h2 id="details">您的信息</h2>' in page
    assert "<li>护照页</li>" in page


def test_send_portal_link_in_chinese(coordinator):
    participant = ParticipantFactory(language="zh-hans")
    services.send_portal_links(participant.cohort, by=coordinator)
    assert mail.outbox[0].subject == "您的能源转型暑期学校个人页面"
    assert mail.outbox[0].body.startswith("李小龙 (Li Xiaolong")


@time_machine.travel(DURING)
def test_portal_kept_out_of_caches_and_search_engines(client, homes):
    response = client.get(_url(ParticipantFactory(), language="en"))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
