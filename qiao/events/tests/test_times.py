"""Event times on the page, in the e-mails and in the calendar file, in each language, in
winter (China 7 hours ahead of Berlin) and in summer (6 hours ahead)."""

import datetime

import pytest
import time_machine
from django.core import mail

from qiao.events import services, tasks

from .factories import EventSessionFactory, make_event, register

pytestmark = pytest.mark.django_db

WINTER = datetime.datetime(2027, 1, 20, 17, 0, tzinfo=datetime.UTC)  # 18:00 Berlin, 01:00 China
SUMMER = datetime.datetime(2027, 7, 20, 8, 0, tzinfo=datetime.UTC)  # 10:00 Berlin, 16:00 China
TWO_HOURS = datetime.timedelta(hours=2)
WHEN = {
    ("de", WINTER): "Wann: 20. Januar 2027 18:00 – 20:00 Berliner Zeit "
    "(21.01.2027 01:00 – 03:00 chinesische Zeit)",
    ("de", SUMMER): "Wann: 20. Juli 2027 10:00 – 12:00 Berliner Zeit "
    "(16:00 – 18:00 chinesische Zeit)",
    ("en", WINTER): "When: 20 Jan 2027, 18:00 – 20:00 Berlin time "
    "(21 Jan 2027, 01:00 – 03:00 China time)",
    ("en", SUMMER): "When: 20 Jul 2027, 10:00 – 12:00 Berlin time (16:00 – 18:00 China time)",
    ("zh-hans", WINTER): "时间: 柏林时间 2027年1月20日 星期三 18:00 – 20:00"
    "（北京时间 2027年1月21日 01:00 – 03:00）",
    ("zh-hans", SUMMER): "时间: 柏林时间 2027年7月20日 星期二 10:00 – 12:00"
    "（北京时间 16:00 – 18:00）",
}


def _when_line(body: str) -> str:
    return next(line for line in body.splitlines() if line.startswith(("Wann:", "When:", "时间:")))


@pytest.mark.parametrize(("language", "start"), list(WHEN))
def test_confirmation_and_reminder_emails_give_the_china_time_ahead_of_berlin(
    index, language, start, django_capture_on_commit_callbacks
):
    event = make_event(index, start=start, end=start + TWO_HOURS)

    with time_machine.travel(start - datetime.timedelta(days=10), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            registration = register(event, language=language)
        with django_capture_on_commit_callbacks(execute=True):
            services.confirm_registration(registration)
    with time_machine.travel(start - datetime.timedelta(hours=1), tick=False):
        tasks.send_reminder.enqueue(registration.pk)

    request, confirmed, reminder = mail.outbox
    assert _when_line(request.body) == WHEN[language, start]
    assert _when_line(confirmed.body) == WHEN[language, start]
    assert _when_line(reminder.body) == WHEN[language, start]


@pytest.mark.parametrize(
    ("start", "dtstart", "offset"),
    [
        (WINTER, "DTSTART;TZID=Europe/Berlin:20270120T180000", "+0100"),
        (SUMMER, "DTSTART;TZID=Europe/Berlin:20270720T100000", "+0200"),
    ],
)
def test_confirmation_calendar_file_holds_the_berlin_time_and_its_offset(
    index, start, dtstart, offset, django_capture_on_commit_callbacks
):
    event = make_event(index, start=start, end=start + TWO_HOURS)

    with time_machine.travel(start - datetime.timedelta(days=10), tick=False):
        registration = register(event)
        with django_capture_on_commit_callbacks(execute=True):
            services.confirm_registration(registration)

    name, content, _mimetype = mail.outbox[-1].attachments[0]
    lines = content.splitlines()
    assert name == "event.ics"
    assert dtstart in lines
    assert f"TZOFFSETTO:{offset}" in lines


@pytest.mark.parametrize(
    ("start", "begins", "session_row"),
    [
        (
            WINTER,
            '<time datetime="2027-01-20T18:00:00+01:00">20. Januar 2027 18:00</time> Berliner Zeit '
            '<span class="cst">(21.01.2027 01:00 chinesische Zeit)</span>',
            '<time datetime="2027-01-20T18:00:00+01:00">18:00 – 19:00</time> Berliner Zeit '
            '<span class="cst">(21.01.2027 01:00 – 02:00 chinesische Zeit)</span>',
        ),
        (
            SUMMER,
            '<time datetime="2027-07-20T10:00:00+02:00">20. Juli 2027 10:00</time> Berliner Zeit '
            '<span class="cst">(16:00 chinesische Zeit)</span>',
            '<time datetime="2027-07-20T10:00:00+02:00">10:00 – 11:00</time> Berliner Zeit '
            '<span class="cst">(16:00 – 17:00 chinesische Zeit)</span>',
        ),
    ],
)
def test_event_page_shows_berlin_and_china_time(client, index, start, begins, session_row):
    event = make_event(index, start=start, end=start + TWO_HOURS)
    EventSessionFactory(event=event)

    with time_machine.travel(start - datetime.timedelta(days=10), tick=False):
        html = client.get(event.url).content.decode()

    assert f"<dd>{begins}</dd>" in html
    assert f"<td>{session_row}</td>" in html
