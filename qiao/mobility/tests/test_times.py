"""Deadlines and interview times on the programme page, in the interview e-mails and in the
calendar file, in winter (China 7 hours ahead of Berlin) and in summer (6 hours ahead)."""

import datetime

import pytest
import time_machine

from qiao.mobility import services
from qiao.mobility.models import InterviewSlot
from qiao.mobility.tasks import send_interview_email

from .factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db

WINTER = datetime.datetime(2027, 1, 12, 9, 0, tzinfo=datetime.UTC)  # 10:00 Berlin, 17:00 China
SUMMER = datetime.datetime(2027, 6, 15, 8, 0, tzinfo=datetime.UTC)  # 10:00 Berlin, 16:00 China


def _when_line(body: str) -> str:
    return next(line for line in body.splitlines() if line.startswith(("Wann:", "When:", "时间:")))


def _book_interview(call, starts_at, language):
    slot = InterviewSlot.objects.create(call=call, starts_at=starts_at, location="Raum 2")
    application = ApplicationFactory(call=call, status="interview", language=language)
    services.pick_interview_slot(application, slot, by=application.applicant)
    return slot


@pytest.mark.parametrize(
    ("language", "starts_at", "expected"),
    [
        (
            "de",
            WINTER,
            "Wann: 12. Januar 2027 10:00 – 10:20 Berliner Zeit (17:00 – 17:20 chinesische Zeit)",
        ),
        (
            "de",
            SUMMER,
            "Wann: 15. Juni 2027 10:00 – 10:20 Berliner Zeit (16:00 – 16:20 chinesische Zeit)",
        ),
        ("en", WINTER, "When: 12 Jan 2027, 10:00 – 10:20 Berlin time (17:00 – 17:20 China time)"),
        ("en", SUMMER, "When: 15 Jun 2027, 10:00 – 10:20 Berlin time (16:00 – 16:20 China time)"),
        (
            "zh-hans",
            WINTER,
            "时间: 柏林时间 2027年1月12日 星期二 10:00 – 10:20（北京时间 17:00 – 17:20）",
        ),
        (
            "zh-hans",
            SUMMER,
            "时间: 柏林时间 2027年6月15日 星期二 10:00 – 10:20（北京时间 16:00 – 16:20）",
        ),
    ],
)
def test_interview_email_and_reminder_give_the_china_time_ahead_of_berlin(
    call, mailoutbox, language, starts_at, expected, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        slot = _book_interview(call, starts_at, language)
    send_interview_email.call(slot.pk, True)

    chosen, reminder = mailoutbox
    assert _when_line(chosen.body) == expected
    assert _when_line(reminder.body) == expected


@pytest.mark.parametrize(
    ("starts_at", "dtstart", "dtend", "offset"),
    [
        (WINTER, "20270112T100000", "20270112T102000", "+0100"),
        (SUMMER, "20270615T100000", "20270615T102000", "+0200"),
    ],
)
def test_interview_calendar_file_holds_the_berlin_time_and_its_offset(
    call, mailoutbox, starts_at, dtstart, dtend, offset, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _book_interview(call, starts_at, "en")

    lines = mailoutbox[0].attachments[0][1].splitlines()
    assert f"DTSTART;TZID=Europe/Berlin:{dtstart}" in lines
    assert f"DTEND;TZID=Europe/Berlin:{dtend}" in lines
    assert f"TZOFFSETTO:{offset}" in lines


@pytest.mark.parametrize(
    ("closes_at", "deadline"),
    [
        (
            datetime.datetime(2027, 1, 15, 22, 59, tzinfo=datetime.UTC),
            '<time datetime="2027-01-15T23:59:00+01:00">15. Januar 2027 23:59</time> Berliner Zeit '
            '<span class="cst">(16.01.2027 06:59 chinesische Zeit)</span>',
        ),
        (
            datetime.datetime(2027, 6, 30, 21, 59, tzinfo=datetime.UTC),
            '<time datetime="2027-06-30T23:59:00+02:00">30. Juni 2027 23:59</time> Berliner Zeit '
            '<span class="cst">(01.07.2027 05:59 chinesische Zeit)</span>',
        ),
    ],
)
def test_programme_page_shows_the_deadline_in_berlin_and_china_time(
    client, programme, closes_at, deadline
):
    CallFactory(
        programme=programme, opens_at=closes_at - datetime.timedelta(days=30), closes_at=closes_at
    )

    with time_machine.travel(closes_at - datetime.timedelta(days=5), tick=False):
        html = client.get(programme.url).content.decode()

    assert f"Bewerbungsschluss: {deadline}<br>" in html
