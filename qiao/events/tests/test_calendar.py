import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from .factories import make_event

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def parse_single_event(content: bytes):
    calendar = icalendar.Calendar.from_ical(content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


@pytest.mark.parametrize(
    ("local_start", "utc_hour"),
    [
        (datetime.datetime(2027, 1, 20, 18, 0, tzinfo=BERLIN), 17),  # winter: UTC+1
        (datetime.datetime(2027, 7, 20, 18, 0, tzinfo=BERLIN), 16),  # summer: UTC+2
    ],
)
def test_event_ics_shows_the_berlin_time_in_winter_and_summer(client, index, local_start, utc_hour):
    event = make_event(index, start=local_start, end=local_start + datetime.timedelta(hours=2))

    response = client.get(f"/en/event-registration/{event.pk}/event.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, vevent = parse_single_event(response.content)
    start = vevent.decoded("dtstart")
    assert vevent["dtstart"].params["TZID"] == "Europe/Berlin"
    assert (start.astimezone(BERLIN).hour, start.astimezone(BERLIN).minute) == (18, 0)
    assert start.astimezone(datetime.UTC).hour == utc_hour
    assert vevent.decoded("dtend") - start == datetime.timedelta(hours=2)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(vevent["summary"]) == event.title
    assert str(vevent["location"]) == (
        "Aula Academica, Adolph-Roemer-Straße 2a, 38678 Clausthal-Zellerfeld"
    )


def test_calendar_feed_lists_the_events_of_the_language(client, index):
    first = make_event(index, title="Erster Vortrag")
    second = make_event(index, title="Zweiter Vortrag", days_ahead=60)

    response = client.get("/de/event-registration/calendar.ics")

    calendar = icalendar.Calendar.from_ical(response.content)
    assert response.status_code == 200
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == [
        "Erster Vortrag",
        "Zweiter Vortrag",
    ]
    assert [str(event["uid"]) for event in calendar.walk("VEVENT")] == [
        f"event-{first.pk}@qiao",
        f"event-{second.pk}@qiao",
    ]
    assert str(calendar["x-wr-calname"]) == "China-Kompetenzzentrum: Veranstaltungen"
