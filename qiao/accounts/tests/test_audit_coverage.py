"""The audit trail covers every kind of personal record: event registrations and advising
bookings change status, advising bookings are opened, signed agreements and delegation
programmes are downloaded; and old entries are deleted after the retention period."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from qiao.accounts.models import AuditEntry
from qiao.advising import services as advising_services
from qiao.advising.enums import BookingStatus
from qiao.advising.tests.factories import BookingFactory
from qiao.events import services as event_services
from qiao.events.tests.factories import make_event, make_index, register
from qiao.mobility.tests.factories import UserFactory
from qiao.partners.models import VisitParticipant
from qiao.partners.tests.factories import (
    AgreementFactory,
    DelegationVisitFactory,
    InstitutionFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def in_role(role: str, email: str):
    user = UserFactory(is_staff=True, email=email)
    user.groups.add(Group.objects.get(name=role))
    return user


def entries():
    return list(
        AuditEntry.objects.order_by("pk").values_list(
            "actor_label", "action", "person_label", "subject", "detail"
        )
    )


@pytest.fixture
def event(homes):
    return make_event(make_index(homes["de"]), title="China-Abend", capacity_on_site=1)


def test_registration_status_changes_are_recorded_with_who_did_them(event):
    staff = in_role("Event team", "events@example.org")
    registration = register(event, "ana@example.org", name="Ana Example")
    event_services.confirm_registration(registration)
    event_services.check_in(registration, by=staff)
    subject = f"#{registration.pk} China-Abend"
    person = "Ana Example <ana@example.org>"
    assert entries() == [
        ("", "status_changed", person, subject, "pending → confirmed"),
        ("events@example.org", "status_changed", person, subject, "confirmed → attended"),
    ]


def test_waitlist_promotion_is_recorded_for_the_promoted_person(event):
    first = event_services.confirm_registration(register(event, "a@example.org", name="A"))
    second = event_services.confirm_registration(register(event, "b@example.org", name="B"))
    AuditEntry.objects.all().delete()
    event_services.cancel_registration(first)
    assert [(person, detail) for _, _, person, _, detail in entries()] == [
        ("A <a@example.org>", "confirmed → cancelled"),
        ("B <b@example.org>", "waitlisted → confirmed"),
    ]
    assert second.pk != first.pk


def test_printing_the_check_in_list_records_everyone_on_it(client, event):
    staff = in_role("Event team", "events@example.org")
    event_services.confirm_registration(register(event, "ana@example.org", name="Ana"))
    AuditEntry.objects.all().delete()
    client.force_login(staff)
    response = client.get(f"/admin/events/registrations/{event.pk}/check-in-list/")
    assert response.status_code == 200
    assert [(actor, action, person) for actor, action, person, _, _ in entries()] == [
        ("events@example.org", "exported", "Ana <ana@example.org>")
    ]


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, 40, tzinfo=datetime.UTC), tick=False)
def test_opening_and_marking_an_advising_booking_is_recorded(client, homes):
    advisor = in_role("Advisors", "advisor@example.org")
    booking = BookingFactory(name="Li Wei", email="li.wei@example.org")
    client.force_login(advisor)
    url = reverse("advising_appointments:booking", args=[booking.pk])
    assert client.get(url).status_code == 200
    advising_services.set_booking_status(booking, BookingStatus.ATTENDED, actor=advisor)
    subject = f"#{booking.pk} {booking.slot.topic} 2026-12-02 10:00"
    person = "Li Wei <li.wei@example.org>"
    assert entries() == [
        ("advisor@example.org", "opened", person, subject, ""),
        ("advisor@example.org", "status_changed", person, subject, "confirmed → attended"),
    ]


def test_downloading_a_signed_agreement_is_recorded(client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    manager = in_role("Partner-network managers", "partners@example.org")
    agreement = AgreementFactory(
        title="Framework agreement",
        partners=[InstitutionFactory(name_de="Universität Wuhan", name_en="Wuhan University")],
    )
    agreement.document.save("framework.pdf", ContentFile(PDF))
    client.force_login(manager)
    response = client.get(agreement.document.url)
    assert b"".join(response.streaming_content) == PDF
    [(actor, action, person, subject, detail)] = entries()
    assert (actor, action, subject, detail) == (
        "partners@example.org",
        "downloaded",
        f"#{agreement.pk} Framework agreement",
        "framework.pdf",
    )
    assert "Wuhan" in person


def test_delegation_programme_records_each_member(client, homes):
    manager = in_role("Partner-network managers", "partners@example.org")
    visit = DelegationVisitFactory()
    for name_latin, name_zh in [("Zhang Wei", "张伟"), ("Liu Yang", "")]:
        VisitParticipant.objects.create(visit=visit, name_latin=name_latin, name_zh=name_zh)
    client.force_login(manager)
    assert client.get(reverse("partners:visit_sheet", args=[visit.pk])).status_code == 200
    assert client.get(reverse("partners:visit_sheet_pdf", args=[visit.pk])).status_code == 200
    assert sorted((action, person) for _, action, person, _, _ in entries()) == [
        ("downloaded", "Liu Yang"),
        ("downloaded", "Zhang Wei 张伟"),
        ("opened", "Liu Yang"),
        ("opened", "Zhang Wei 张伟"),
    ]


def test_audit_entries_older_than_the_retention_period_are_deleted(settings):
    settings.AUDIT_RETENTION_DAYS = 730
    with time_machine.travel(datetime.datetime(2024, 11, 28, 12, 0, tzinfo=datetime.UTC)):
        AuditEntry.objects.create(action="opened", person_label="old", subject="x")
    with time_machine.travel(datetime.datetime(2024, 11, 30, 12, 0, tzinfo=datetime.UTC)):
        AuditEntry.objects.create(action="opened", person_label="kept", subject="x")
    with time_machine.travel(datetime.datetime(2026, 11, 29, 12, 0, tzinfo=datetime.UTC)):
        call_command("purge_audit_trail", stdout=io.StringIO())
    assert list(AuditEntry.objects.values_list("person_label", flat=True)) == ["kept"]
