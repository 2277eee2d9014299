"""The audit trail of personal data: opening, exporting, downloading and status changes
are recorded, and staff with the right role find them by person and date."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from qiao.accounts.models import AuditEntry
from qiao.mobility import services as mobility_services
from qiao.mobility.tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def in_role(role: str, **fields):
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def coordinator(homes):
    return in_role("Mobility coordinators", email="coordinator@example.org")


@pytest.fixture
def application(call):
    return ApplicationFactory(
        call=call,
        status="submitted",
        first_name="Li",
        last_name="Hua",
        applicant=UserFactory(email="li.hua@example.org"),
    )


def entries():
    return list(AuditEntry.objects.values_list("actor_label", "action", "person_label", "subject"))


def test_opening_an_application_in_the_admin_is_recorded(client, coordinator, application):
    client.force_login(coordinator)
    response = client.get(reverse("mobility_admin:application", args=[application.pk]))
    assert response.status_code == 200
    assert entries() == [
        (
            "coordinator@example.org",
            "opened",
            "Li Hua <li.hua@example.org>",
            f"#{application.pk} {application.call.title}",
        )
    ]


def test_exporting_a_call_records_one_entry_per_person(client, coordinator, application):
    other = ApplicationFactory(
        call=application.call,
        status="submitted",
        first_name="Wang",
        last_name="Fang",
        applicant=UserFactory(email="wang.fang@example.org"),
    )
    client.force_login(coordinator)
    response = client.get(reverse("mobility_admin:export_csv", args=[application.call.pk]))
    assert response.status_code == 200
    assert sorted(entries()) == [
        (
            "coordinator@example.org",
            "exported",
            "Li Hua <li.hua@example.org>",
            f"{application.call.title} (CSV)",
        ),
        (
            "coordinator@example.org",
            "exported",
            "Wang Fang <wang.fang@example.org>",
            f"{other.call.title} (CSV)",
        ),
    ]


def test_status_change_is_recorded(coordinator, application):
    mobility_services.set_application_status(application, "under_review", actor=coordinator)
    assert list(AuditEntry.objects.values_list("action", "person_label", "detail")) == [
        ("status_changed", "Li Hua <li.hua@example.org>", "submitted → under_review")
    ]


def test_audit_trail_filters_by_person_and_berlin_date(client, coordinator, application):
    for day in (1, 2, 3):
        with time_machine.travel(datetime.datetime(2026, 3, day, 23, 30, tzinfo=BERLIN)):
            mobility_services.set_application_status(
                application,
                ["under_review", "shortlisted", "rejected"][day - 1],
                actor=coordinator,
            )
    ApplicationFactory(call=application.call, status="submitted")
    client.force_login(coordinator)
    response = client.get(
        reverse("accounts_audit_trail"),
        {"person": "li.hua@", "since": "2026-03-02", "until": "2026-03-02"},
    )
    assert [entry.detail for entry in response.context["page"]] == ["under_review → shortlisted"]


def test_audit_trail_rejects_reversed_dates_and_shows_all(client, coordinator, application):
    client.force_login(coordinator)
    response = client.get(
        reverse("accounts_audit_trail"), {"since": "2026-03-05", "until": "2026-03-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "until": ["Das Enddatum darf nicht vor dem Anfangsdatum liegen."]
    }


def test_audit_trail_is_refused_to_an_editor(client, homes):
    client.force_login(in_role("Editors"))
    response = client.get(reverse("accounts_audit_trail"))
    assert response.status_code == 302
    assert AuditEntry.objects.count() == 0
