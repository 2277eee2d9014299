"""Accompanying persons: asked when the event allows them, and each takes a seat
wherever seats are counted."""

import pytest
from django.core import mail
from django.utils import translation

from qiao.events import exports, queries, services
from qiao.events.enums import RegistrationMode, RegistrationStatus
from qiao.events.models import Registration

from .factories import EventSessionFactory, make_event, register

pytestmark = pytest.mark.django_db


def confirmed(event, email, **kwargs):
    return services.confirm_registration(register(event, email, **kwargs))


def form_data(**extra):
    data = {
        "name": "Ana Example",
        "email": "ana@example.org",
        "affiliation": "student",
        "consent": "on",
    }
    data.update(extra)
    return data


def test_registration_form_asks_for_companions_only_when_allowed(client, index):
    without = make_event(index)
    allowed = make_event(index, max_companions=2)

    assert (
        'name="companions"'
        not in client.get(f"/en/event-registration/{without.pk}/register/").content.decode()
    )
    assert (
        'name="companions"'
        in client.get(f"/en/event-registration/{allowed.pk}/register/").content.decode()
    )


def test_registration_form_refuses_more_companions_than_allowed(client, index):
    event = make_event(index, max_companions=2)

    response = client.post(
        f"/en/event-registration/{event.pk}/register/", form_data(companions="3")
    )

    assert response.status_code == 400
    assert "You may bring at most 2 accompanying persons." in response.content.decode()
    assert Registration.objects.count() == 0


def test_companions_count_against_capacity_at_confirmation(index):
    event = make_event(index, capacity_on_site=3, max_companions=2)
    first = confirmed(event, "a@example.org", companions=2)
    second = confirmed(event, "b@example.org", companions=1)
    third = confirmed(event, "c@example.org")

    assert first.status == RegistrationStatus.CONFIRMED
    assert second.status == RegistrationStatus.WAITLISTED  # 3 + 2 > 3
    assert third.status == RegistrationStatus.WAITLISTED  # 3 + 1 > 3
    assert queries.seats_taken(event, "on_site") == 3
    assert queries.availability(event).is_full is True


def test_service_refuses_more_companions_than_allowed(index):
    event = make_event(index, max_companions=1)

    with pytest.raises(services.RegistrationError):
        register(event, "a@example.org", companions=2)


def test_freed_seats_promote_only_a_waitlisted_party_that_fits(index):
    event = make_event(index, capacity_on_site=3, max_companions=2)
    holder = confirmed(event, "a@example.org", companions=1)
    big = confirmed(event, "b@example.org", companions=2)
    small = confirmed(event, "c@example.org")
    assert (big.status, small.status) == ("waitlisted", "confirmed")
    other = confirmed(event, "d@example.org")
    assert other.status == "waitlisted"

    services.cancel_registration(small)

    big.refresh_from_db()
    other.refresh_from_db()
    assert big.status == "waitlisted"  # needs 3 seats, 1 is free
    assert other.status == "confirmed"
    assert holder.seats == 2


def test_self_change_adding_companions_past_capacity_changes_nothing(client, index):
    event = make_event(index, capacity_on_site=3, max_companions=2)
    ana = confirmed(event, "ana@example.org")
    confirmed(event, "b@example.org", companions=1)

    response = client.post(
        f"/en/event-registration/manage/{services.manage_token(ana)}/", {"companions": "1"}
    )

    assert response.status_code == 400
    ana.refresh_from_db()
    assert (ana.status, ana.companions) == ("confirmed", 0)


def test_self_change_reducing_companions_moves_the_waitlist_up(client, index):
    event = make_event(index, capacity_on_site=3, max_companions=2)
    ana = confirmed(event, "ana@example.org", companions=2)
    waiting = confirmed(event, "w@example.org")
    mail.outbox.clear()

    client.post(f"/en/event-registration/manage/{services.manage_token(ana)}/", {"companions": "1"})

    ana.refresh_from_db()
    waiting.refresh_from_db()
    assert (ana.companions, waiting.status) == (1, "confirmed")


def test_session_numbers_and_fill_level_count_companions(client, admin_user, index):
    event = make_event(
        index, registration_mode=RegistrationMode.SESSIONS, max_companions=3, capacity_on_site=10
    )
    session = EventSessionFactory(event=event, capacity_on_site=4)
    confirmed(event, "a@example.org", companions=3, sessions=[session])
    late = confirmed(event, "b@example.org", sessions=[session])
    client.force_login(admin_user)

    (row,) = queries.session_numbers(event)
    listing = client.get("/admin/events/registrations/").content.decode()

    assert late.status == "waitlisted"
    assert row["seats"]["on_site"] == 4
    assert queries.session_availability(event)[0]["left"]["on_site"] == 0
    assert queries.attendance_numbers(event)["seats_taken"] == 4
    assert "<td>4 / 10 + –</td>" in listing


def test_export_has_a_companions_column(index):
    event = make_event(index, max_companions=2)
    confirmed(event, "a@example.org", companions=2)

    with translation.override("en"):
        rows = exports.registration_rows(event, Registration.objects.filter(event=event))

    column = rows[0].index("Accompanying persons")
    assert rows[1][column] == 2
