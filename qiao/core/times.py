"""Moments as people read them: in Berlin time, with China Standard Time beside it.

Every page, e-mail and document that shows a time uses these helpers (through the
``dual_time`` and ``dual_time_text`` template tags), in the active language's formats
(``qiao.formats``). They convert with explicit time zones and format with
``formats.date_format``, which does not convert again: the template filter ``|date`` turns
every aware datetime back into the current time zone (Berlin), so a China time passed
through it silently shows Berlin's clock.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext


def in_berlin(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))


def in_china(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value, ZoneInfo(settings.CHINA_TIME_ZONE))


def weekday_date(value: datetime.date) -> str:
    """A day with its weekday ("Sonntag, 13. Dezember 2026", "2026年12月13日 星期日")."""
    date_format = formats.get_format("WEEKDAY_DATE_FORMAT")
    if date_format == "WEEKDAY_DATE_FORMAT":  # a language without our formats
        date_format = "l, " + formats.get_format("DATE_FORMAT")
    return formats.date_format(value, date_format)


def _span(start, end, *, show_date: bool, reference_date) -> str:
    """``start`` (and ``end``) in their own zone; a date only where the reader needs it."""
    if show_date or start.date() != reference_date:
        text = formats.date_format(
            start, "DATETIME_FORMAT" if show_date else "SHORT_DATETIME_FORMAT"
        )
    else:
        text = formats.date_format(start, "TIME_FORMAT")
    if end is not None:
        if end.date() == start.date():
            text += " – " + formats.date_format(end, "TIME_FORMAT")
        else:
            text += " – " + formats.date_format(end, "SHORT_DATETIME_FORMAT")
    return text


def berlin_and_china(start, end=None, *, show_date: bool = True) -> tuple[str, str]:
    """The Berlin text and the China text of a moment or a span of time.

    Berlin shows the date when ``show_date`` (else the date is said elsewhere, e.g. in a
    heading); China shows a date only when it falls on another day than in Berlin.
    """
    berlin_start = in_berlin(start)
    berlin_end = in_berlin(end) if end is not None else None
    china_start = in_china(start)
    china_end = in_china(end) if end is not None else None
    berlin = _span(
        berlin_start, berlin_end, show_date=show_date, reference_date=berlin_start.date()
    )
    china = _span(china_start, china_end, show_date=False, reference_date=berlin_start.date())
    return berlin, china


def dual_time_text(start, end=None, *, show_date: bool = True) -> str:
    """Plain text for e-mails and documents: "… Berlin time (… China time)"."""
    if start is None:
        return ""
    berlin, china = berlin_and_china(start, end, show_date=show_date)
    return gettext("%(berlin)s Berlin time (%(china)s China time)") % {
        "berlin": berlin,
        "china": china,
    }
