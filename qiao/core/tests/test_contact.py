import datetime

import pytest
import time_machine
from django.core import mail
from django.core.signing import TimestampSigner
from django.test import override_settings

from qiao.core.forms import FORM_TOKEN_SALT
from qiao.core.models import ContactMessage, ContactPage

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def contact_page(homes):
    page = ContactPage(title="Kontakt", slug="kontakt", thank_you_text="Danke schön!")
    homes["de"].add_child(instance=page)
    page.save_revision().publish()
    return page


def token_issued_at(moment):
    with time_machine.travel(moment, tick=False):
        return TimestampSigner(salt=FORM_TOKEN_SALT).sign("contact")


def valid_data(**changes):
    data = {
        "name": "Li Wei",
        "email": "li.wei@example.org",
        "subject": "Winter School",
        "message": "Wann beginnt die Bewerbung?",
        "privacy": "on",
        "website": "",
        "token": token_issued_at(START),
    }
    data.update(changes)
    return data


def post(client, data, *, at=START + datetime.timedelta(seconds=30), **headers):
    with time_machine.travel(at, tick=False):
        return client.post("/de/kontakt/", data, **headers)


def test_good_message_is_stored_and_sent_to_the_office(
    client, contact_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, valid_data())

    assert response.status_code == 302
    assert response["Location"] == "/de/kontakt/"
    message = ContactMessage.objects.get()
    assert (message.name, message.email, message.subject, message.language) == (
        "Li Wei",
        "li.wei@example.org",
        "Winter School",
        "de",
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["office@localhost"]
    assert "Wann beginnt die Bewerbung?" in mail.outbox[0].body
    assert "Danke schön!" in client.get("/de/kontakt/").content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"email": "not-an-address"}, "email", "Bitte gültige E-Mail-Adresse eingeben."),
        ({"name": ""}, "name", "Dieses Feld muss ausgefüllt werden."),
        ({"message": "x" * 5001}, "message", "Bitte sicherstellen, dass der Wert aus höchstens"),
        (
            {"privacy": ""},
            "privacy",
            "Bitte stimmen Sie zu, sonst können wir Ihnen nicht antworten.",
        ),
    ],
)
def test_bad_input_gets_a_message_at_the_field_and_stores_nothing(
    client, contact_page, changes, field, text
):
    response = post(client, valid_data(**changes))

    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in html
    assert response.context["form"].errors[field][0].startswith(text)
    assert text in html
    assert 'aria-invalid="true"' in html
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_filled_trap_field_is_refused(client, contact_page):
    response = post(client, valid_data(website="http://spam.example"))
    assert response.status_code == 400
    assert ContactMessage.objects.count() == 0


def test_message_sent_too_fast_is_refused(client, contact_page):
    response = post(client, valid_data(), at=START + datetime.timedelta(seconds=1))
    assert response.status_code == 400
    assert response.context["form"].errors["token"] == [
        "Das ging sehr schnell. Bitte senden Sie Ihre Nachricht noch einmal."
    ]
    assert ContactMessage.objects.count() == 0


def test_tampered_token_is_refused(client, contact_page):
    response = post(client, valid_data(token="contact:1abc:forged"))
    assert response.status_code == 400
    assert ContactMessage.objects.count() == 0


@override_settings(CONTACT_RATE_LIMIT="2/h")
def test_too_many_messages_from_one_address_are_refused(client, contact_page):
    statuses = [post(client, valid_data(subject=f"Frage {n}")).status_code for n in range(3)]

    assert statuses == [302, 302, 429]
    assert ContactMessage.objects.count() == 2


def test_purge_removes_only_messages_past_their_retention(contact_page):
    from qiao.core.services import purge_contact_messages

    with time_machine.travel(START - datetime.timedelta(days=400)):
        ContactMessage.objects.create(name="A", email="a@example.org", subject="alt", message="x")
    with time_machine.travel(START - datetime.timedelta(days=10)):
        ContactMessage.objects.create(name="B", email="b@example.org", subject="neu", message="y")

    with time_machine.travel(START):
        deleted = purge_contact_messages(older_than_days=365)

    assert deleted == 1
    assert list(ContactMessage.objects.values_list("subject", flat=True)) == ["neu"]


def test_purge_command_uses_the_retention_setting(contact_page):
    from io import StringIO

    from django.core.management import call_command

    with time_machine.travel(START - datetime.timedelta(days=31)):
        ContactMessage.objects.create(name="A", email="a@example.org", subject="alt", message="x")
    output = StringIO()

    with override_settings(CONTACT_RETENTION_DAYS=30), time_machine.travel(START):
        call_command("purge_contact_messages", stdout=output)

    assert output.getvalue() == "1 contact message(s) deleted.\n"
    assert ContactMessage.objects.count() == 0


@override_settings(CONTACT_RATE_LIMIT="2/h")
def test_invalid_messages_do_not_use_up_the_limit(client, contact_page):
    junk = [post(client, {"name": "x"}).status_code for _ in range(5)]
    valid = [post(client, valid_data(subject=f"Frage {n}")).status_code for n in range(3)]

    assert junk == [400] * 5
    assert valid == [302, 302, 429]
    assert ContactMessage.objects.count() == 2


@pytest.mark.parametrize("subject", ["Frage\r\nBcc: all@example.org", "Frage\nzwei"])
def test_subject_with_a_line_break_is_refused(client, contact_page, subject):
    response = post(client, valid_data(subject=subject))

    assert response.status_code == 400
    assert response.context["form"].errors["subject"] == [
        "Bitte schreiben Sie den Betreff in eine Zeile."
    ]
    assert ContactMessage.objects.count() == 0


def test_stored_subject_with_a_line_break_still_reaches_the_office(contact_page, mailoutbox):
    from qiao.core.services import notify_staff_of_contact_message

    message = ContactMessage.objects.create(
        name="A", email="a@example.org", subject="Frage\r\nzwei", message="Hallo", language="de"
    )

    notify_staff_of_contact_message(message)

    assert [sent.subject for sent in mailoutbox] == ["Kontaktformular: Frage zwei"]
