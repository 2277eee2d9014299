"""Invitations: a CSV list of invitees (every row checked, nothing imported from a file
with errors), a personal link to register or decline, invitation-only events, seats
reserved for invitees, and a reminder to those who have not answered."""

import re

import pytest
from django.core import mail

from qiao.events import invitations, queries, services
from qiao.events.enums import RegistrationStatus
from qiao.events.models import Invitation, InvitationStatus, Registration

from .factories import make_event, register

pytestmark = pytest.mark.django_db

GOOD = (
    "Name;E-Mail;Sprache;Organisation;Notiz\n"
    "李小龙;li@example.org;zh;Tongji University;Delegation\n"
    "Ana Example;ana@example.org;en;;\n"
)


def import_list(event, admin_user, text, encoding="utf-8"):
    return services.import_invitations(event, text.encode(encoding), by=admin_user)


def test_parse_accepts_commas_and_a_byte_order_mark():
    content = "\ufeffname,email,language\nAna Example,ana@example.org,de\n".encode()

    parsed = invitations.parse(content)

    assert parsed.errors == []
    assert [(i.name, i.email, i.language) for i in parsed.invitees] == [
        ("Ana Example", "ana@example.org", "de")
    ]


def test_parse_reports_every_bad_row_with_its_line():
    content = (
        b"name;email;language\n"
        b";nobody@example.org;de\n"
        b"Bo;not-an-address;en\n"
        b"Cy;cy@example.org;fr\n"
        b"Di;di@example.org;de\n"
        b"Di again;DI@example.org;de\n"
    )

    parsed = invitations.parse(content)

    assert [line for line, _message in parsed.errors] == [2, 3, 4, 6]
    assert "Zeile 5" in parsed.errors[3][1]


def test_parse_refuses_a_file_that_is_not_utf8():
    parsed = invitations.parse("name;email;language\nJörg;j@example.org;de\n".encode("latin-1"))

    assert parsed.invitees == []
    assert len(parsed.errors) == 1


def test_import_with_an_error_imports_nothing(event, admin_user):
    parsed = import_list(event, admin_user, GOOD + "Bo;bo-at-example.org;de\n")

    assert [line for line, _message in parsed.errors] == [4]
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_import_detects_addresses_already_invited_or_registered(event, admin_user):
    import_list(event, admin_user, GOOD)
    register(event, "reg@example.org")

    parsed = import_list(
        event, admin_user, "name;email;language\nAna;ANA@example.org;en\nR;reg@example.org;de\n"
    )

    assert [line for line, _message in parsed.errors] == [2, 3]
    assert Invitation.objects.count() == 2


def test_import_sends_each_invitee_a_personal_link_in_their_language(
    event, admin_user, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        import_list(event, admin_user, GOOD)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["ana@example.org", "li@example.org"]
    assert by_address["li@example.org"].subject.startswith("邀请")
    assert re.search(r"/zh/event-registration/invitation/\S+/", by_address["li@example.org"].body)


def test_invitee_registers_through_the_link_without_confirmation(client, event, admin_user):
    import_list(event, admin_user, GOOD)
    invitation = Invitation.objects.get(email="ana@example.org")
    url = f"/en/event-registration/invitation/{services.invitation_token(invitation)}/"

    response = client.post(
        url, {"answer": "accept", "name": "Ana Example", "affiliation": "external", "consent": "on"}
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.registration.status == RegistrationStatus.CONFIRMED
    assert invitation.registration.invited is True


def test_invitee_declines_and_cannot_answer_twice(client, event, admin_user):
    import_list(event, admin_user, GOOD)
    invitation = Invitation.objects.get(email="ana@example.org")
    url = f"/en/event-registration/invitation/{services.invitation_token(invitation)}/"

    client.post(url, {"answer": "decline"})
    again = client.post(
        url, {"answer": "accept", "name": "Ana", "affiliation": "external", "consent": "on"}
    )

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert again.status_code == 400
    assert Registration.objects.count() == 0


def test_invitation_only_event_refuses_the_public_form(client, index):
    event = make_event(index, invitation_only=True)

    page = client.get(f"/en/event-registration/{event.pk}/register/")
    response = client.post(
        f"/en/event-registration/{event.pk}/register/",
        {
            "name": "Walk In",
            "email": "walk@example.org",
            "affiliation": "student",
            "consent": "on",
        },
    )

    assert "by invitation only" in page.content.decode()
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_reserved_seats_are_kept_from_the_public(index, admin_user):
    event = make_event(index, capacity_on_site=3, invitee_seats=2)
    first = services.confirm_registration(register(event, "a@example.org"))
    second = services.confirm_registration(register(event, "b@example.org"))
    import_list(event, admin_user, "name;email;language\nGuest;guest@example.org;de\n")
    guest = services.accept_invitation(
        Invitation.objects.get(), affiliation="external", participation_mode="on_site"
    )

    assert (first.status, second.status) == ("confirmed", "waitlisted")
    assert guest.status == "confirmed"
    assert queries.availability(event).seats_left == 0  # one reserved seat left, not public


def test_reminder_goes_once_to_those_who_have_not_answered(
    event, admin_user, django_capture_on_commit_callbacks
):
    import_list(event, admin_user, GOOD)
    services.decline_invitation(Invitation.objects.get(email="ana@example.org"))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = services.remind_invitees(event, by=admin_user)
        second = services.remind_invitees(event, by=admin_user)

    assert (first, second) == (1, 0)
    assert [message.to[0] for message in mail.outbox] == ["li@example.org"]


def test_admin_import_page_lists_row_errors(client, admin_user, event):
    client.force_login(admin_user)
    upload = GOOD + "Bo;bo-at-example.org;de\n"

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/admin/events/registrations/{event.pk}/invitations/",
        {"file": SimpleUploadedFile("list.csv", upload.encode(), content_type="text/csv")},
    )

    assert response.status_code == 400
    assert "bo-at-example.org" in response.content.decode()
    assert Invitation.objects.count() == 0
