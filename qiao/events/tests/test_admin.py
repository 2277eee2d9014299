import csv
import io

import openpyxl
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.users.models import UserProfile

from qiao.events import services
from qiao.events.enums import RegistrationStatus
from qiao.events.models import Registration

from .factories import QuestionFactory, make_event, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    return client


def confirmed(event, email, **kwargs):
    return services.confirm_registration(register(event, email, **kwargs))


def test_registrations_page_shows_attendance_numbers(coordinator, index):
    event = make_event(index, capacity_on_site=1)
    confirmed(event, "a@example.org")
    confirmed(event, "b@example.org")

    response = coordinator.get(f"/admin/events/registrations/{event.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "a@example.org" in page
    assert "b@example.org" in page


def test_registrations_page_filters_by_status(coordinator, index):
    event = make_event(index, capacity_on_site=1)
    confirmed(event, "a@example.org")
    confirmed(event, "b@example.org")

    page = coordinator.get(
        f"/admin/events/registrations/{event.pk}/", {"status": "waitlisted"}
    ).content.decode()

    assert "b@example.org" in page
    assert "a@example.org" not in page


def test_export_in_an_unknown_format_is_not_found(coordinator, index):
    event = make_event(index)
    confirmed(event, "a@example.org")

    response = coordinator.get(f"/admin/events/registrations/{event.pk}/export.pdf")

    assert response.status_code == 404
    assert "Content-Disposition" not in response
    assert b"a@example.org" not in response.content


def test_people_without_permission_are_refused(client, index):
    event = make_event(index)
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    response = client.get(f"/admin/events/registrations/{event.pk}/export.csv")

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert b"@example.org" not in response.content


def test_csv_export_has_one_row_per_registration_with_answers(coordinator, event):
    question = QuestionFactory(event=event)
    confirmed(event, "a@example.org", answers={str(question.pk): True}, name="Ana")

    response = coordinator.get(f"/admin/events/registrations/{event.pk}/export.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][:6] == [
        "Name",
        "E-mail",
        "Affiliation",
        "Institution",
        "Participation",
        "Status",
    ]
    assert rows[0][-1] == "Are you vegetarian?"
    assert rows[1][:2] == ["Ana", "a@example.org"]
    assert rows[1][5] == "Confirmed"
    assert rows[0][6] == "Language"
    assert rows[1][6] == "English"
    assert rows[1][-1] == "Yes"
    assert len(rows) == 2


def test_csv_export_defuses_formulas(coordinator, event):
    confirmed(event, "a@example.org", name="=HYPERLINK(1)")

    response = coordinator.get(f"/admin/events/registrations/{event.pk}/export.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_xlsx_export_opens_with_openpyxl(coordinator, event):
    confirmed(event, "a@example.org", name="Ana")
    confirmed(event, "b@example.org", name="Bo")

    response = coordinator.get(f"/admin/events/registrations/{event.pk}/export.xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[0] for row in values] == ["Name", "Ana", "Bo"]


def test_csv_export_for_german_excel_has_semicolons_and_a_bom(coordinator, event):
    confirmed(event, "a@example.org", name="Ana")

    response = coordinator.get(f"/admin/events/registrations/{event.pk}/export.csv")

    first_line = response.content.decode("utf-8").splitlines()[0]
    assert first_line.startswith("\ufeffName;E-mail;Affiliation;")


def test_csv_export_with_commas_on_request(coordinator, event):
    confirmed(event, "a@example.org", name="Ana")

    response = coordinator.get(f"/admin/events/registrations/{event.pk}/export.csv?separator=comma")

    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("Name,E-mail,")


def test_xlsx_export_has_real_date_cells(coordinator, event):
    import datetime

    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC), tick=False):
        confirmed(event, "a@example.org", name="Ana")

    response = coordinator.get(f"/admin/events/registrations/{event.pk}/export.xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    registered = sheet.cell(row=2, column=9)
    assert (registered.value, registered.number_format) == (
        datetime.datetime(2026, 3, 2, 10, 30),
        "YYYY-MM-DD HH:MM",
    )


def test_check_in_button_marks_attended(coordinator, event):
    registration = confirmed(event, "a@example.org")

    response = coordinator.post(
        f"/admin/events/registrations/registration/{registration.pk}/", {"action": "check_in"}
    )

    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.status == RegistrationStatus.ATTENDED


def test_cancelling_asks_first_and_changes_nothing_until_confirmed(
    coordinator, index, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity_on_site=1)
    holder = confirmed(event, "a@example.org", name="Ana")
    waiting = confirmed(event, "b@example.org")
    url = f"/admin/events/registrations/registration/{holder.pk}/"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        asked = coordinator.post(url, {"action": "cancel", "next_query": "status=confirmed"})

    holder.refresh_from_db()
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "Ana (a@example.org) will no longer be registered" in html
    assert 'name="confirmed" value="yes"' in html
    assert f'href="/admin/events/registrations/{event.pk}/?status=confirmed"' in html
    assert holder.status == RegistrationStatus.CONFIRMED
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        done = coordinator.post(
            url, {"action": "cancel", "confirmed": "yes", "next_query": "status=confirmed"}
        )

    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert done["Location"] == f"/admin/events/registrations/{event.pk}/?status=confirmed"
    assert holder.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]


def test_confirming_a_waitlisted_person_when_full_shows_an_error(coordinator, index):
    event = make_event(index, capacity_on_site=1)
    confirmed(event, "a@example.org")
    waiting = confirmed(event, "b@example.org")

    response = coordinator.post(
        f"/admin/events/registrations/registration/{waiting.pk}/",
        {"action": "confirm"},
        follow=True,
    )

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert "No seat is free. Cancel a registration or raise the capacity." in (
        response.content.decode()
    )


def test_manual_add_registers_without_e_mail_confirmation(coordinator, event):
    response = coordinator.post(
        f"/admin/events/registrations/{event.pk}/add/",
        {
            "name": "Walk In",
            "email": "walk.in@example.org",
            "affiliation": "external",
            "language": "de",
        },
    )

    assert response.status_code == 302
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_manual_add_with_bad_input_changes_nothing(coordinator, event):
    response = coordinator.post(
        f"/admin/events/registrations/{event.pk}/add/",
        {"name": "", "email": "nope", "affiliation": "external", "language": "de"},
    )

    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_e_mail_to_participants_reaches_the_confirmed_only_when_chosen(
    coordinator, index, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity_on_site=1)
    confirmed(event, "a@example.org")
    confirmed(event, "b@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            f"/admin/events/registrations/{event.pk}/email/",
            {
                "statuses": ["confirmed"],
                "subject_de": "Raumänderung 100%",
                "body_de": "Wir treffen uns in Raum 204.",
                "action": "send",
            },
        )

    assert response.status_code == 302
    assert [(m.to, m.subject) for m in mail.outbox] == [(["a@example.org"], "Raumänderung 100%")]
    assert mail.outbox[0].body.startswith("Wir treffen uns in Raum 204.")


def test_check_in_list_lists_confirmed_people_by_name(coordinator, index):
    event = make_event(index, capacity_on_site=2)
    confirmed(event, "z@example.org", name="Zora")
    confirmed(event, "a@example.org", name="Anton")
    confirmed(event, "w@example.org", name="Waitlisted Person")

    page = coordinator.get(
        f"/admin/events/registrations/{event.pk}/check-in-list/"
    ).content.decode()

    assert page.index("Anton") < page.index("Zora")
    assert "Waitlisted Person" not in page


def test_session_times_are_entered_with_the_date_picker(coordinator):
    form = coordinator.get("/admin/event_sessions/new/").context["form"]

    assert isinstance(form.fields["start"].widget, AdminDateTimeInput)
    assert isinstance(form.fields["end"].widget, AdminDateTimeInput)
