"""Appointment times on the booking page, in the e-mails and in the calendar file, in each
language, in winter (China 7 hours ahead of Berlin) and in summer (6 hours ahead)."""

import datetime

import pytest
import time_machine
from django.core import mail

from qiao.advising import services
from qiao.advising.enums import BookingStatus

from .factories import BookingFactory, SlotFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("homes")]

WINTER = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)  # 11:00 Berlin, 18:00 China
SUMMER = datetime.datetime(2027, 6, 16, 9, 0, tzinfo=datetime.UTC)  # 11:00 Berlin, 17:00 China
PREFIX = {"de": "de", "en": "en", "zh-hans": "zh"}


def _confirm(starts_at, language):
    booking = BookingFactory(
        slot=SlotFactory(starts_at=starts_at),
        language=language,
        status=BookingStatus.PENDING,
        hold_expires_at=starts_at - datetime.timedelta(days=6),
    )
    with time_machine.travel(starts_at - datetime.timedelta(days=7), tick=False):
        services.confirm_booking(booking)
    return booking


def _line(body: str, start: str) -> str:
    return next(line for line in body.splitlines() if line.startswith(start))


@pytest.mark.parametrize(
    ("language", "starts_at", "expected"),
    [
        (
            "de",
            WINTER,
            "Wann: 2. Dezember 2026 11:00 – 11:30 Berliner Zeit (18:00 – 18:30 chinesische Zeit)",
        ),
        (
            "de",
            SUMMER,
            "Wann: 16. Juni 2027 11:00 – 11:30 Berliner Zeit (17:00 – 17:30 chinesische Zeit)",
        ),
        ("en", WINTER, "When: 2 Dec 2026, 11:00 – 11:30 Berlin time (18:00 – 18:30 China time)"),
        ("en", SUMMER, "When: 16 Jun 2027, 11:00 – 11:30 Berlin time (17:00 – 17:30 China time)"),
        (
            "zh-hans",
            WINTER,
            "时间: 柏林时间 2026年12月2日 星期三 11:00 – 11:30（北京时间 18:00 – 18:30）",
        ),
        (
            "zh-hans",
            SUMMER,
            "时间: 柏林时间 2027年6月16日 星期三 11:00 – 11:30（北京时间 17:00 – 17:30）",
        ),
    ],
)
def test_booking_email_gives_the_china_time_ahead_of_berlin(
    language, starts_at, expected, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _confirm(starts_at, language)

    person, advisor = mail.outbox
    assert _line(person.body, expected.split(":")[0] + ":") == expected
    # The advisor is told in German, the office language.
    assert _line(advisor.body, "Wann:").split(" Berliner Zeit ")[1] == (
        "(18:00 – 18:30 chinesische Zeit)"
        if starts_at == WINTER
        else "(17:00 – 17:30 chinesische Zeit)"
    )


@pytest.mark.parametrize(
    ("starts_at", "berlin_line", "vtimezone_offsets"),
    [
        (WINTER, "DTSTART;TZID=Europe/Berlin:20261202T110000", "+0100"),
        (SUMMER, "DTSTART;TZID=Europe/Berlin:20270616T110000", "+0200"),
    ],
)
def test_booking_calendar_file_holds_the_berlin_time_and_its_offset(
    starts_at, berlin_line, vtimezone_offsets, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _confirm(starts_at, "en")

    content = mail.outbox[0].attachments[0][1]
    lines = content.splitlines()
    assert berlin_line in lines
    assert berlin_line.replace("DTSTART", "DTEND").replace("T110000", "T113000") in lines
    assert f"TZOFFSETTO:{vtimezone_offsets}" in lines


@pytest.mark.parametrize(
    ("language", "starts_at", "heading", "label"),
    [
        (
            "de",
            WINTER,
            "Mittwoch, 2. Dezember 2026",
            '<time datetime="2026-12-02T11:00:00+01:00">11:00</time> Berliner Zeit '
            '<span class="cst">(18:00 chinesische Zeit)</span>',
        ),
        (
            "en",
            SUMMER,
            "Wednesday, 16 Jun 2027",
            '<time datetime="2027-06-16T11:00:00+02:00">11:00</time> Berlin time '
            '<span class="cst">(17:00 China time)</span>',
        ),
        (
            "zh-hans",
            WINTER,
            "2026年12月2日 星期三",
            '柏林时间 <time datetime="2026-12-02T11:00:00+01:00">11:00</time> '
            '<span class="cst">(北京时间 18:00)</span>',
        ),
    ],
)
def test_booking_page_shows_each_slot_in_berlin_and_china_time(
    client, language, starts_at, heading, label
):
    SlotFactory(topic=TopicFactory(slug="visa"), starts_at=starts_at)

    with time_machine.travel(starts_at - datetime.timedelta(days=7), tick=False):
        html = client.get(f"/{PREFIX[language]}/appointments/visa/").content.decode()

    assert f"<legend>{heading}</legend>" in html
    assert html.count(label) == 1
