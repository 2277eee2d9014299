"""Many people click "book" for the same slot at the same moment: exactly one wins.

Runs on SQLite by default and on PostgreSQL with DATABASE_URL=postgres://...

SQLite's in-memory test database (shared cache) answers a second writer with "table is
locked" at once instead of letting it wait as a database file does; so on SQLite the race
runs on a file copy of the test database, opened with the project's settings (WAL,
IMMEDIATE transactions, busy timeout), as in production."""

import datetime
import sqlite3
import threading

import pytest
from django.db import connection, connections

from qiao.advising import services
from qiao.advising.enums import HOLDING_STATUSES, PersonStatus
from qiao.advising.models import Booking

from .factories import SlotFactory

PEOPLE = 20


def _race(callables):
    barrier = threading.Barrier(len(callables))
    outcomes = []
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait()
            result = call()
        except services.BookingError as error:
            result = type(error).__name__
        except Exception as error:  # noqa: BLE001 - counted and asserted on below
            result = f"crash: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(call,)) for call in callables]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _in_thread(call):
    """Run a query on a thread's own connection (the file database on SQLite)."""
    return _race([call])[0]


@pytest.fixture
def race_database(transactional_db, tmp_path):
    """Returns a function that moves the test data to a file database for the race."""
    settings_dict = connections.settings["default"]
    original_name = settings_dict["NAME"]

    def switch():
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            path = tmp_path / "race.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            settings_dict["NAME"] = str(path)

    yield switch
    settings_dict["NAME"] = original_name


def test_many_people_booking_one_slot_exactly_one_wins(race_database):
    slot = SlotFactory(starts_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3))
    race_database()

    def booker(number):
        return lambda: services.book_appointment(
            slot,
            name=f"Person {number}",
            email=f"person{number}@example.org",
            person_status=PersonStatus.STUDENT,
            question="Visa?",
            language="de",
        )

    outcomes = _race([booker(number) for number in range(PEOPLE)])

    winners = [outcome for outcome in outcomes if isinstance(outcome, Booking)]
    assert len(winners) == 1
    assert sorted(o for o in outcomes if isinstance(o, str)) == ["SlotTaken"] * (PEOPLE - 1)
    held = _in_thread(
        lambda: Booking.objects.filter(slot=slot, status__in=HOLDING_STATUSES).count()
    )
    assert held == 1


def test_one_person_booking_two_slots_of_a_topic_at_once_gets_one(race_database):
    first = SlotFactory(starts_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3))
    slots = [first] + [
        SlotFactory(topic=first.topic, starts_at=first.starts_at + datetime.timedelta(hours=n))
        for n in range(1, 6)
    ]
    race_database()

    def booker(slot):
        return lambda: services.book_appointment(
            slot,
            name="Li Wei",
            email="li@example.org",
            person_status=PersonStatus.STUDENT,
            question="Visa?",
            language="de",
        )

    outcomes = _race([booker(slot) for slot in slots])

    assert sorted(o for o in outcomes if isinstance(o, str)) == ["AlreadyBooked"] * 5
    assert _in_thread(lambda: Booking.objects.filter(email="li@example.org").count()) == 1
