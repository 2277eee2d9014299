"""Dates and times in each language, on both sides of a daylight saving change.

Berlin is UTC+1 in winter and UTC+2 in summer; China is UTC+8 all year, so China is 7 hours
ahead in winter and 6 in summer.
"""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from qiao.core import times
from qiao.core.templatetags.qiao_tags import dual_time

WINTER = datetime.datetime(2026, 12, 13, 10, 0, tzinfo=datetime.UTC)  # 11:00 in Berlin
SUMMER = datetime.datetime(2026, 6, 14, 9, 0, tzinfo=datetime.UTC)  # 11:00 in Berlin
HOUR = datetime.timedelta(hours=1)


@pytest.mark.parametrize(
    ("language", "start", "expected"),
    [
        (
            "de",
            WINTER,
            "13. Dezember 2026 11:00 – 12:00 Berliner Zeit (18:00 – 19:00 chinesische Zeit)",
        ),
        (
            "de",
            SUMMER,
            "14. Juni 2026 11:00 – 12:00 Berliner Zeit (17:00 – 18:00 chinesische Zeit)",
        ),
        ("en", WINTER, "13 Dec 2026, 11:00 – 12:00 Berlin time (18:00 – 19:00 China time)"),
        ("en", SUMMER, "14 Jun 2026, 11:00 – 12:00 Berlin time (17:00 – 18:00 China time)"),
        (
            "zh-hans",
            WINTER,
            "柏林时间 2026年12月13日 星期日 11:00 – 12:00（北京时间 18:00 – 19:00）",
        ),
        (
            "zh-hans",
            SUMMER,
            "柏林时间 2026年6月14日 星期日 11:00 – 12:00（北京时间 17:00 – 18:00）",
        ),
    ],
)
def test_dual_time_text_gives_china_time_7_hours_ahead_in_winter_and_6_in_summer(
    language, start, expected
):
    with translation.override(language):
        assert times.dual_time_text(start, start + HOUR) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "13. Dezember 2026 18:00 Berliner Zeit (14.12.2026 01:00 chinesische Zeit)"),
        ("en", "13 Dec 2026, 18:00 Berlin time (14 Dec 2026, 01:00 China time)"),
        ("zh-hans", "柏林时间 2026年12月13日 星期日 18:00（北京时间 2026年12月14日 01:00）"),
    ],
)
def test_dual_time_text_names_the_china_date_when_it_is_already_the_next_day(language, expected):
    with translation.override(language):
        assert times.dual_time_text(WINTER + 7 * HOUR) == expected


def test_dual_time_text_outside_a_request_ignores_the_active_time_zone():
    # E-mails are rendered by the task worker: whatever zone is active, China stays UTC+8.
    from django.utils import timezone

    with translation.override("de"), timezone.override("Asia/Shanghai"):
        assert times.dual_time_text(WINTER) == (
            "13. Dezember 2026 11:00 Berliner Zeit (18:00 chinesische Zeit)"
        )


@pytest.mark.parametrize(
    ("language", "start", "expected"),
    [
        (
            "de",
            SUMMER,
            '<time datetime="2026-06-14T11:00:00+02:00">14. Juni 2026 11:00</time> Berliner Zeit '
            '<span class="cst">(17:00 chinesische Zeit)</span>',
        ),
        (
            "en",
            WINTER,
            '<time datetime="2026-12-13T11:00:00+01:00">13 Dec 2026, 11:00</time> Berlin time '
            '<span class="cst">(18:00 China time)</span>',
        ),
        (
            "zh-hans",
            WINTER,
            '柏林时间 <time datetime="2026-12-13T11:00:00+01:00">'
            "2026年12月13日 星期日 11:00</time> "
            '<span class="cst">(北京时间 18:00)</span>',
        ),
    ],
)
def test_dual_time_html_shows_berlin_with_china_beside_it(language, start, expected):
    with translation.override(language):
        assert dual_time(start) == expected


def test_dual_time_html_without_date_names_the_china_date_only_when_it_differs():
    with translation.override("en"):
        assert dual_time(WINTER, show_date=False) == (
            '<time datetime="2026-12-13T11:00:00+01:00">11:00</time> Berlin time '
            '<span class="cst">(18:00 China time)</span>'
        )
        assert dual_time(WINTER + 7 * HOUR, show_date=False) == (
            '<time datetime="2026-12-13T18:00:00+01:00">18:00</time> Berlin time '
            '<span class="cst">(14 Dec 2026, 01:00 China time)</span>'
        )


@pytest.mark.parametrize(
    ("language", "date_text", "short_text", "weekday_text"),
    [
        ("de", "7. Dezember 2026", "07.12.2026", "Montag, 7. Dezember 2026"),
        ("en", "7 Dec 2026", "7 Dec 2026", "Monday, 7 Dec 2026"),
        ("zh-hans", "2026年12月7日 星期一", "2026年12月7日", "2026年12月7日 星期一"),
    ],
)
def test_date_formats_are_unambiguous_and_in_the_language_order(
    language, date_text, short_text, weekday_text
):
    template = Template(
        '{% load qiao_tags %}{{ day|date:"DATE_FORMAT" }}|{{ day|date:"SHORT_DATE_FORMAT" }}|'
        "{{ day|weekday_date }}"
    )
    with translation.override(language):
        rendered = template.render(Context({"day": datetime.date(2026, 12, 7)}))
    assert rendered == f"{date_text}|{short_text}|{weekday_text}"


def test_weekday_date_in_a_language_without_our_formats_puts_the_weekday_first():
    with translation.override("fr"):
        assert times.weekday_date(datetime.date(2026, 12, 7)) == "lundi, 7 décembre 2026"


def test_dual_time_on_the_night_the_clocks_go_back_tells_the_two_0230s_apart():
    # On 25 October 2026 Berlin shows 02:30 twice: first in summer time, then in winter time.
    first = datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)
    second = first + HOUR

    with translation.override("en"):
        assert [dual_time(first), dual_time(second)] == [
            '<time datetime="2026-10-25T02:30:00+02:00">25 Oct 2026, 02:30</time> Berlin time '
            '<span class="cst">(08:30 China time)</span>',
            '<time datetime="2026-10-25T02:30:00+01:00">25 Oct 2026, 02:30</time> Berlin time '
            '<span class="cst">(09:30 China time)</span>',
        ]
