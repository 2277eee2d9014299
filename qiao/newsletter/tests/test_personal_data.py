"""Import, export, erasure, the person's data export, bounced addresses, and the box on
other forms (event registration, account)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from qiao.accounts import services as account_services
from qiao.events.tests.factories import make_event, make_index
from qiao.newsletter import queries, services
from qiao.newsletter.enums import Source, SubscriberStatus
from qiao.newsletter.models import Subscriber

from .factories import make_subscriber

pytestmark = pytest.mark.django_db


def test_import_adds_active_subscribers_marked_imported_with_consent_note(homes):
    make_subscriber("known@example.org", languages=["de"], topics=["news"])
    content = (
        b"email;languages;topics\n"
        b"Wang.Fang@Example.org;zh-hans en;events news\n"
        b"known@example.org;en;events\n"
    )

    result = services.import_subscribers(content, consent_note="Sign-up list, fair 2025")

    assert (result.added, result.skipped) == (1, 1)
    imported = Subscriber.objects.get(email="Wang.Fang@example.org")
    assert (imported.status, imported.source, imported.is_imported) == (
        SubscriberStatus.ACTIVE,
        Source.IMPORT,
        True,
    )
    assert (imported.languages, imported.topics) == (["zh-hans", "en"], ["events", "news"])
    assert imported.consent_text == "Sign-up list, fair 2025"
    assert Subscriber.objects.get(email="known@example.org").topics == ["news"]


def test_import_with_a_bad_line_adds_nobody_and_names_the_line(homes):
    content = b"email,languages,topics\na@example.org,de,events\nnot-an-address,de,events\n"

    with pytest.raises(services.SubscriberImportError) as error:
        services.import_subscribers(content, consent_note="x")

    assert error.value.message == "Zeile 3: „not-an-address“ ist keine E-Mail-Adresse."
    assert Subscriber.objects.count() == 0


def test_import_view_shows_error_next_to_file_field(client, homes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)

    response = client.post(
        reverse("newsletter_admin:import"),
        {"file": SimpleUploadedFile("list.csv", b"name\nx\n"), "consent_note": "x"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": ["Die Datei braucht eine Kopfzeile mit einer Spalte „email“."]
    }


def test_export_csv_lists_subscribers_with_consent(homes):
    make_subscriber("a@example.org", languages=["de"], topics=["news"], consent_text="Ja.")

    lines = services.export_subscribers_csv().splitlines()

    assert lines[0] == "\ufeff" + ";".join(services.EXPORT_COLUMNS)
    assert lines[1].startswith("a@example.org;active;de;news;form;no;")
    assert lines[1].endswith(";Ja.;" + Subscriber.objects.get().requested_at.isoformat() + ";;")


def test_account_data_export_and_deletion_include_the_subscription(homes):
    user = get_user_model().objects.create_user("li", email="li@example.org", password="x")
    make_subscriber("li@example.org", languages=["zh-hans"], topics=["events"])

    exported = account_services.export_personal_data(user)["newsletter"]
    account_services.delete_account(user)

    assert [(s["email"], s["status"], s["topics"]) for s in exported] == [
        ("li@example.org", "active", ["events"])
    ]
    assert Subscriber.objects.count() == 0


def test_bounced_address_is_skipped_and_counted_apart(archives):
    from qiao.newsletter.tests.factories import make_issue

    subscriber = make_subscriber("gone@example.org", languages=["de"])
    services.mark_undeliverable(subscriber, status=SubscriberStatus.BOUNCED, note="550")

    summary = queries.audience_summary(make_issue(archives["de"]))

    assert summary["total"] == 0
    assert queries.newsletter_figures()["subscribers"] == 0


def test_event_registration_box_asks_for_confirmation_of_the_subscription(
    client, homes, django_capture_on_commit_callbacks
):
    event = make_event(make_index(homes["de"]))
    data = {
        "name": "Li Wei",
        "email": "li.wei@example.org",
        "affiliation": "student",
        "institution": "",
        "consent": "on",
        "newsletter": "on",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/event-registration/{event.pk}/register/", data)

    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.source, subscriber.languages) == (
        SubscriberStatus.PENDING,
        Source.EVENT_REGISTRATION,
        ["en"],
    )
    assert sorted(m.subject for m in mail.outbox) == [
        "Please confirm your newsletter subscription",
        f"Please confirm your registration: {event.title}",
    ]


def test_event_registration_without_box_subscribes_nobody(client, homes):
    event = make_event(make_index(homes["de"]))
    data = {"name": "Li", "email": "li@example.org", "affiliation": "student", "consent": "on"}

    response = client.post(f"/en/event-registration/{event.pk}/register/", data)

    assert response.status_code == 302
    assert Subscriber.objects.count() == 0


def test_account_box_asks_for_confirmation(client, homes):
    user = get_user_model().objects.create_user("li", email="li@example.org", password="x")
    client.force_login(user)

    response = client.post("/en/newsletter-subscription/from-account/", {"newsletter": "on"})

    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.source) == (
        "li@example.org",
        SubscriberStatus.PENDING,
        Source.ACCOUNT,
    )
