"""Many people confirming at the same moment: capacity holds, nobody twice, no errors.
Runs on SQLite and, with DATABASE_URL, on PostgreSQL.

On SQLite the threads work on a file copy of the test database: the in-memory test
database (shared cache) fails a second writer at once with "table is locked" instead of
letting it wait for the lock as a database file in production does."""

import sqlite3
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from wagtail.models import Locale, Page

from qiao.core.models import HomePage
from qiao.events import services
from qiao.events.models import Registration

from .factories import make_event, make_index, register

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def index(transactional_db):
    """An event index in a minimal page tree. A transactional test empties every table
    before it ends, also the root page and locale that Wagtail's migrations created, so
    they are made here when missing."""
    german = Locale.objects.get_or_create(language_code="de")[0]
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=german)
    )
    home = HomePage(title="Start", slug=f"race-{root.numchild}", intro="<p>x</p>", locale=german)
    root.add_child(instance=home)
    return make_index(home)


RACE_LOCK_WAIT = 900  # seconds


@pytest.fixture
def file_database(transactional_db, tmp_path):
    """Call after arranging: later connections (the threads') use a file copy on SQLite."""
    settings_dict = connections.settings["default"]
    in_memory_name, options = settings_dict["NAME"], settings_dict.get("OPTIONS", {})

    def move_to_file():
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            connection.ensure_connection()
            copy = sqlite3.connect(tmp_path / "events-race.sqlite3")
            connection.connection.backup(copy)
            copy.close()
            settings_dict["NAME"] = str(tmp_path / "events-race.sqlite3")
            # These tests count what the race leaves behind, not how fast it runs (that is
            # the bench's job): on a loaded machine 200 writers in a row may take longer
            # than the production wait for the lock, so the threads wait as long as needed.
            settings_dict["OPTIONS"] = {
                **options,
                "timeout": RACE_LOCK_WAIT,
                "init_command": options.get("init_command", "").replace(
                    "busy_timeout=60000", f"busy_timeout={RACE_LOCK_WAIT * 1000}"
                ),
            }

    yield move_to_file
    settings_dict["NAME"], settings_dict["OPTIONS"] = in_memory_name, options


def in_thread(read):
    """Read through a thread's own connection (the file copy on SQLite)."""
    result = []
    errors = run_at_once(1, lambda _number: result.append(read()))
    assert errors == []
    return result[0]


def run_at_once(count, work):
    barrier = threading.Barrier(count)
    errors = []

    def worker(number):
        try:
            barrier.wait(timeout=30)
            work(number)
        except Exception as error:  # noqa: BLE001 - every error is counted
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_200_simultaneous_registrations_for_50_seats(index, file_database):
    event = make_event(index, capacity_on_site=50)
    file_database()

    def register_and_confirm(number):
        registration = register(event, f"person{number}@example.org")
        services.confirm_registration(registration)

    errors = run_at_once(200, register_and_confirm)

    statuses = in_thread(lambda: Counter(Registration.objects.values_list("status", flat=True)))
    emails = in_thread(
        lambda: Counter(e.lower() for e in Registration.objects.values_list("email", flat=True))
    )
    assert errors == []
    assert statuses == {"confirmed": 50, "waitlisted": 150}
    assert max(emails.values()) == 1


def test_same_person_registering_twenty_times_at_once_is_registered_once(index, file_database):
    event = make_event(index, capacity_on_site=50)
    file_database()

    def register_same(number):
        email = "Ana@Example.org" if number % 2 else "ana@example.org"
        services.confirm_registration(register(event, email))

    errors = run_at_once(20, register_same)

    assert errors == []
    statuses = in_thread(lambda: list(Registration.objects.values_list("status", flat=True)))
    assert statuses == ["confirmed"]


def test_simultaneous_cancellations_promote_one_waitlisted_person_each(index, file_database):
    event = make_event(index, capacity_on_site=10)
    people = [
        services.confirm_registration(register(event, f"p{n}@example.org")) for n in range(30)
    ]
    seated = [person for person in people if person.status == "confirmed"]
    first_waiting = [person.email for person in people if person.status == "waitlisted"][:10]
    file_database()

    errors = run_at_once(10, lambda number: services.cancel_registration(seated[number]))

    assert errors == []
    confirmed = in_thread(
        lambda: set(Registration.objects.filter(status="confirmed").values_list("email", flat=True))
    )
    waiting = in_thread(lambda: Registration.objects.filter(status="waitlisted").count())
    assert confirmed == set(first_waiting)
    assert waiting == 10


def test_many_changing_into_the_last_seats_at_once_never_exceed_capacity(index, file_database):
    from qiao.events.enums import ParticipationMode, RegistrationMode
    from qiao.events.models import EventSession

    event = make_event(index, capacity_on_site=None, registration_mode=RegistrationMode.SESSIONS)
    roomy = EventSession.objects.create(
        event=event, title_de="Großer Saal", start=event.start, end=event.end
    )
    small = EventSession.objects.create(
        event=event, title_de="Seminarraum", start=event.start, end=event.end, capacity_on_site=5
    )
    people = [
        services.confirm_registration(register(event, f"p{n}@example.org", sessions=[roomy]))
        for n in range(30)
    ]
    file_database()
    refused = []

    def change(number):
        try:
            services.change_registration(
                people[number], participation_mode=ParticipationMode.ON_SITE, sessions=[small]
            )
        except services.NoSeatLeft:
            refused.append(number)

    errors = run_at_once(30, change)

    in_small = in_thread(
        lambda: Registration.objects.filter(sessions=small, status="confirmed").count()
    )
    in_roomy = in_thread(lambda: Registration.objects.filter(sessions=roomy).count())
    assert errors == []
    assert (in_small, in_roomy, len(refused)) == (5, 25, 25)
