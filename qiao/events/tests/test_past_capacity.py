"""A coordinator gives a seat although none is free (past the waitlist), with a reason
that goes into the page log and the audit trail."""

import pytest
from wagtail.models import ModelLogEntry

from qiao.accounts.models import AuditEntry
from qiao.events import services
from qiao.events.enums import RegistrationStatus
from qiao.events.models import Registration

from .factories import make_event, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event(index):
    event = make_event(index, capacity_on_site=1)
    services.confirm_registration(register(event, "first@example.org"))
    waiting = services.confirm_registration(register(event, "waiting@example.org"))
    assert waiting.status == RegistrationStatus.WAITLISTED
    return event, waiting


def manual_post(**extra):
    data = {
        "name": "Guest of Honour",
        "email": "guest@example.org",
        "affiliation": "external",
        "institution": "",
        "language": "en",
    }
    data.update(extra)
    return data


def test_add_registration_with_reason_takes_a_seat_past_capacity(client, admin_user, full_event):
    event, _waiting = full_event
    client.force_login(admin_user)

    response = client.post(
        f"/admin/events/registrations/{event.pk}/add/",
        manual_post(past_capacity_reason="Rector's guest"),
    )

    assert response.status_code == 302
    guest = Registration.objects.get(email="guest@example.org")
    assert guest.status == RegistrationStatus.CONFIRMED
    entry = ModelLogEntry.objects.get(action="events.registration.past_capacity")
    assert entry.user_id == admin_user.pk
    assert entry.data["reason"] == "Rector's guest"
    assert AuditEntry.objects.filter(detail="past capacity: Rector's guest").count() == 1


def test_add_registration_without_reason_joins_the_waitlist(client, admin_user, full_event):
    event, _waiting = full_event
    client.force_login(admin_user)

    client.post(f"/admin/events/registrations/{event.pk}/add/", manual_post())

    guest = Registration.objects.get(email="guest@example.org")
    assert guest.status == RegistrationStatus.WAITLISTED
    assert not ModelLogEntry.objects.filter(action="events.registration.past_capacity").exists()


def test_add_registration_with_reason_and_a_free_seat_logs_nothing_special(
    client, admin_user, index
):
    event = make_event(index, capacity_on_site=5)
    client.force_login(admin_user)

    client.post(
        f"/admin/events/registrations/{event.pk}/add/", manual_post(past_capacity_reason="VIP")
    )

    assert Registration.objects.get(email="guest@example.org").status == "confirmed"
    assert not ModelLogEntry.objects.filter(action="events.registration.past_capacity").exists()


def test_confirm_waitlisted_past_capacity_needs_a_reason(client, admin_user, full_event):
    _event, waiting = full_event
    client.force_login(admin_user)
    url = f"/admin/events/registrations/registration/{waiting.pk}/past-capacity/"

    refused = client.post(url, {"reason": "  "})
    done = client.post(url, {"reason": "Speaker's assistant"})

    assert refused.status_code == 400
    assert "Bitte geben Sie den Grund für einen Platz" in refused.content.decode()
    assert done.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 2
    entry = ModelLogEntry.objects.get(action="events.registration.past_capacity")
    assert entry.data["reason"] == "Speaker's assistant"


def test_confirm_past_capacity_of_a_cancelled_registration_is_refused(full_event, admin_user):
    _event, waiting = full_event
    services.cancel_registration(waiting, by=admin_user)

    with pytest.raises(services.InvalidTransition):
        services.confirm_past_capacity(waiting, by=admin_user, reason="x")
