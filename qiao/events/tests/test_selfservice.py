"""The participant's personal link: see the registration, change sessions, participation
and answers until the deadline; seats counted as at registration."""

import datetime
import re

import pytest
import time_machine
from django.core import mail

from qiao.events import queries, services
from qiao.events.enums import EventFormat, ParticipationMode, RegistrationMode
from qiao.events.models import Registration

from .factories import EventSessionFactory, QuestionFactory, make_event, register

pytestmark = pytest.mark.django_db


def confirmed(event, email, **kwargs):
    return services.confirm_registration(register(event, email, **kwargs))


def manage_url(registration):
    return f"/en/event-registration/manage/{services.manage_token(registration)}/"


@pytest.fixture
def series(index):
    event = make_event(index, registration_mode=RegistrationMode.SESSIONS)
    day1 = EventSessionFactory(event=event, capacity_on_site=1)
    day2 = EventSessionFactory(event=event, capacity_on_site=1)
    return event, day1, day2


def test_confirmation_mail_carries_the_personal_link(event, django_capture_on_commit_callbacks):
    registration = register(event, "ana@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_registration(registration)

    links = re.findall(r"http\S+/manage/\S+/", mail.outbox[0].body)
    assert links == [f"http://testserver{manage_url(registration)}"]


def test_change_sessions_through_the_personal_link_moves_the_seat(
    client, series, django_capture_on_commit_callbacks
):
    event, day1, day2 = series
    ana = confirmed(event, "ana@example.org", sessions=[day1])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url(ana), {"sessions": [str(day2.pk)]})

    assert response.status_code == 302
    ana.refresh_from_db()
    assert (ana.status, list(ana.sessions.all())) == ("confirmed", [day2])
    assert [m.subject for m in mail.outbox] == [f"Your registration is changed: {event.title}"]


def test_change_into_a_full_session_is_refused_and_changes_nothing(client, series):
    event, day1, day2 = series
    ana = confirmed(event, "ana@example.org", sessions=[day1])
    confirmed(event, "bo@example.org", sessions=[day2])

    response = client.post(manage_url(ana), {"sessions": [str(day2.pk)]})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "There is no free seat for this choice. Your registration stays as it was."
    ]
    ana.refresh_from_db()
    assert (ana.status, list(ana.sessions.all())) == ("confirmed", [day1])


def test_change_frees_the_seat_for_the_first_on_the_waitlist(series):
    event, day1, day2 = series
    ana = confirmed(event, "ana@example.org", sessions=[day1])
    bo = confirmed(event, "bo@example.org", sessions=[day1])
    cy = confirmed(event, "cy@example.org", sessions=[day1])
    assert (bo.status, cy.status) == ("waitlisted", "waitlisted")

    services.change_registration(ana, participation_mode=ParticipationMode.ON_SITE, sessions=[day2])

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "ana@example.org": "confirmed",
        "bo@example.org": "confirmed",
        "cy@example.org": "waitlisted",
    }


def test_change_to_online_takes_an_online_place(index):
    event = make_event(
        index, event_format=EventFormat.HYBRID, capacity_on_site=1, capacity_online=0
    )
    ana = confirmed(event, "ana@example.org")

    with pytest.raises(services.NoSeatLeft):
        services.change_registration(ana, participation_mode=ParticipationMode.ONLINE)

    ana.refresh_from_db()
    assert (ana.status, ana.participation_mode) == ("confirmed", "on_site")


def test_change_of_answers_is_saved(client, event):
    question = QuestionFactory(event=event)
    ana = confirmed(event, "ana@example.org", answers={str(question.pk): True})

    response = client.post(manage_url(ana), {f"question_{question.pk}": "no"})

    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.answers == {str(question.pk): False}


def test_change_after_the_deadline_is_refused(client, index):
    event = make_event(index)
    event.registration_deadline = event.start - datetime.timedelta(days=1)
    event.save_revision().publish()
    ana = confirmed(event, "ana@example.org")

    with time_machine.travel(event.start - datetime.timedelta(hours=12)):
        page = client.get(manage_url(ana))
        with pytest.raises(services.RegistrationClosed):
            services.change_registration(ana, participation_mode=ParticipationMode.ON_SITE)

    assert page.context["can_change"] is False
    assert "Changes are possible only until the registration deadline." in page.content.decode()


def test_personal_page_shows_the_waitlist_position(client, index):
    event = make_event(index, capacity_on_site=1)
    confirmed(event, "seated@example.org")
    confirmed(event, "first@example.org")
    second = confirmed(event, "second@example.org")

    response = client.get(manage_url(second))

    assert response.context["waitlist_position"] == 2
    assert "You are number 2 on the waitlist." in response.content.decode()


def test_staff_list_shows_the_waitlist_position(client, admin_user, index):
    event = make_event(index, capacity_on_site=1)
    confirmed(event, "seated@example.org")
    first = confirmed(event, "first@example.org")
    second = confirmed(event, "second@example.org")
    client.force_login(admin_user)

    response = client.get(f"/admin/events/registrations/{event.pk}/")

    positions = {r.email: r.waitlist_position for r in response.context["registrations"]}
    assert positions == {"seated@example.org": None, first.email: 1, second.email: 2}
    assert queries.waitlist_position(second) == 2


def test_personal_link_changed_by_hand_is_refused(client, event):
    ana = confirmed(event, "ana@example.org")

    response = client.get(manage_url(ana)[:-3] + "xx/")

    assert response.status_code == 400
