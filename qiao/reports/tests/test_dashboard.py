import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client

from qiao.accounts.roles import ROLES
from qiao.advising.enums import BookingStatus
from qiao.advising.tests.factories import BookingFactory, SlotFactory
from qiao.core.models import ContactMessage, ContactStatus
from qiao.events.enums import RegistrationStatus
from qiao.events.models import Registration
from qiao.events.tests.factories import make_event, make_index
from qiao.mobility.enums import ApplicationStatus
from qiao.mobility.tests.factories import ApplicationFactory, UserFactory
from qiao.partners.tests.factories import AgreementFactory
from qiao.reports import dashboard

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)
PANEL_IDS = {
    "Editors": [],
    "Event team": ["dashboard-events"],
    "Mobility coordinators": ["dashboard-calls"],
    "Reviewers": [],
    "Advisors": ["dashboard-advising"],
    "Partner-network managers": ["dashboard-agreements"],
    "Administrators": ["dashboard-contact"],
}
ALL_PANEL_IDS = sorted({panel for panels in PANEL_IDS.values() for panel in panels})


def make_registrations(event, count, status):
    Registration.objects.bulk_create(
        Registration(
            event=event,
            name=f"Person {n}",
            email=f"{status}{n}-{event.pk}@example.org",
            affiliation="student",
            participation_mode="on_site",
            status=status,
        )
        for n in range(count)
    )


def build(homes, call, volume):
    """Data of every panel, ``volume`` rows of each kind."""
    index = make_index(homes["de"])
    for days in (3, 10):
        event = make_event(index, start=NOW + datetime.timedelta(days=days), capacity_on_site=500)
        make_registrations(event, volume, RegistrationStatus.CONFIRMED)
        make_registrations(event, volume // 2, RegistrationStatus.WAITLISTED)
    for _ in range(volume):
        ApplicationFactory(call=call, status=ApplicationStatus.SUBMITTED)
    for n in range(volume):
        slot = SlotFactory(starts_at=NOW + datetime.timedelta(hours=2, minutes=30 * n))
        if n % 2:
            BookingFactory(slot=slot)
    for n in range(volume):
        AgreementFactory(valid_until=NOW.date() + datetime.timedelta(days=n % 120))
    ContactMessage.objects.bulk_create(
        ContactMessage(name="A", email="a@example.org", subject="Frage", message="x", language="de")
        for _ in range(volume)
    )


@pytest.mark.parametrize("role", sorted(ROLES))
def test_dashboard_panels_follow_the_role(role, homes):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)

    html = client.get("/admin/").content.decode()

    shown = [panel for panel in ALL_PANEL_IDS if f'id="{panel}' in html]
    assert shown == PANEL_IDS[role]
    assert 'class="w-summary"' not in html


@time_machine.travel(NOW, tick=False)
def test_dashboard_figures_are_exact(homes, call):
    index = make_index(homes["de"])
    event = make_event(index, start=NOW + datetime.timedelta(days=2), capacity_on_site=20)
    make_registrations(event, 3, RegistrationStatus.CONFIRMED)
    make_registrations(event, 1, RegistrationStatus.ATTENDED)
    make_registrations(event, 2, RegistrationStatus.WAITLISTED)
    make_registrations(event, 4, RegistrationStatus.CANCELLED)
    make_event(index, start=NOW - datetime.timedelta(days=1))
    call.closes_at = NOW + datetime.timedelta(days=10)
    call.save(update_fields=["closes_at"])
    ApplicationFactory.create_batch(2, call=call, status=ApplicationStatus.SUBMITTED)
    ApplicationFactory(call=call, status=ApplicationStatus.UNDER_REVIEW)
    ApplicationFactory(call=call, status=ApplicationStatus.DRAFT)
    today_slot = SlotFactory(starts_at=NOW + datetime.timedelta(hours=3))
    BookingFactory(slot=today_slot)
    SlotFactory(starts_at=NOW + datetime.timedelta(hours=4))
    tomorrow_slot = SlotFactory(starts_at=NOW + datetime.timedelta(days=1))
    BookingFactory(slot=tomorrow_slot, status=BookingStatus.CANCELLED)
    AgreementFactory(valid_until=datetime.date(2027, 1, 15))
    AgreementFactory(valid_until=datetime.date(2027, 6, 15))
    ContactMessage.objects.create(name="A", email="a@example.org", subject="S", message="m")
    ContactMessage.objects.create(
        name="B", email="b@example.org", subject="S", message="m", status=ContactStatus.ANSWERED
    )

    events = dashboard.next_events()
    calls = dashboard.open_calls()
    days = dashboard.advising_days()
    agreement_count, agreements = dashboard.expiring_agreements()

    assert [(e.pk, e.confirmed_count, e.waitlisted_count, e.capacity_total) for e in events] == [
        (event.pk, 4, 2, 20)
    ]
    assert [(c.pk, c.submitted_count, c.under_review_count, c.days_left) for c in calls] == [
        (call.pk, 2, 1, 10)
    ]
    assert [(d.day, d.appointments, d.free_slots) for d in days] == [
        (datetime.date(2026, 12, 1), 1, 1),
        (datetime.date(2026, 12, 2), 0, 1),
    ]
    assert (agreement_count, [a.days_remaining for a in agreements]) == (1, [45])
    assert dashboard.contact_inbox() == {"new": 1, "in_progress": 0}


@time_machine.travel(NOW, tick=False)
def test_dashboard_links_each_number_to_its_filtered_list(homes, call, superuser_client):
    build(homes, call, 2)

    html = superuser_client.get("/admin/").content.decode()

    assert f'href="/admin/mobility/call/{call.pk}/?status=submitted">2</a>' in html
    assert 'href="/admin/advising/appointments/?date=2026-12-01">1</a>' in html
    assert 'href="/admin/contact_messages/?status=new">2 neue Nachrichten</a>' in html
    assert 'href="/admin/snippets/partners/agreement/?expiring=90">' in html
    assert html.count('?status=confirmed">2</a>') == 2


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("volume", [10, 200])
def test_dashboard_query_count_does_not_grow_with_data(
    volume, homes, call, superuser_client, django_assert_max_num_queries
):
    build(homes, call, volume)
    superuser_client.get("/admin/")  # warm the per-process caches (site, locales)

    with django_assert_max_num_queries(40):
        response = superuser_client.get("/admin/")

    assert response.status_code == 200
