import pytest
from django.core.management import call_command
from django.test import override_settings

from qiao.events.enums import RegistrationStatus
from qiao.events.models import Registration

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_purge_erases_personal_data_of_old_events_and_keeps_the_counts(index):
    old = make_event(index, days_ahead=-400, title="Alt", slug="alt")
    recent = make_event(index, days_ahead=-10, title="Neu", slug="neu")
    for event in (old, recent):
        registration = Registration.objects.create(
            event=event,
            name="Ana Example",
            email="ana@example.org",
            affiliation="student",
            institution="TU",
            answers={"1": "yes"},
            status=RegistrationStatus.CONFIRMED,
            attended_at=event.start,
        )

    with override_settings(EVENTS_RETENTION_DAYS=365):
        call_command("purge_event_registrations")

    erased = Registration.objects.get(event=old)
    kept = Registration.objects.get(event=recent)
    assert (erased.name, erased.email, erased.institution, erased.answers) == (
        "",
        f"{erased.pk}@purged.invalid",
        "",
        {},
    )
    assert (erased.status, erased.affiliation, erased.attended_at) == (
        RegistrationStatus.CONFIRMED,
        "student",
        old.start,
    )
    assert (kept.name, kept.email) == ("Ana Example", "ana@example.org")
    assert registration.pk == kept.pk


def test_purge_erases_the_certificate_codes_of_old_events(index):
    from qiao.core import verification

    codes = {}
    for days, slug in ((-400, "alt"), (-10, "neu")):
        event = make_event(index, days_ahead=days, title=slug, slug=slug)
        registration = Registration.objects.create(
            event=event, name="Ana", email=f"{slug}@example.org", affiliation="student"
        )
        codes[slug] = verification.issue_document(
            kind="event-certificate",
            holder_name="Ana",
            title=slug,
            language="de",
            subject=registration,
        ).code

    with override_settings(EVENTS_RETENTION_DAYS=365):
        call_command("purge_event_registrations")

    assert verification.find(codes["alt"]) is None
    assert verification.find(codes["neu"]).holder_name == "Ana"
