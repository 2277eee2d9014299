"""Who gets which e-mail: the participants' message, time or place changes of an event
and of its sessions, and the checks that keep sessions inside their event."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile

from qiao.core.models import CentreSettings
from qiao.events import services
from qiao.events.enums import RegistrationMode
from qiao.events.models import EventPage, EventSession

from .factories import EventSessionFactory, make_event, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    admin_user.email = "coordinator@example.org"
    admin_user.save(update_fields=["email"])
    client.force_login(admin_user)
    return client


def confirmed(event, email, **kwargs):
    return services.confirm_registration(register(event, email, **kwargs))


def message_form(**fields):
    data = {
        "statuses": ["confirmed", "attended"],
        "subject_de": "Raumänderung",
        "body_de": "Hallo {name}, wir treffen uns in Raum 204.",
        "subject_en": "Room change",
        "body_en": "Hello {name}, we meet in room 204 for {event}. Your link: {link}",
        "subject_zh": "",
        "body_zh": "",
        "action": "send",
    }
    data.update(fields)
    return data


def test_participant_message_reaches_people_already_checked_in(
    coordinator, index, admin_user, django_capture_on_commit_callbacks
):
    event = make_event(index)
    services.check_in(confirmed(event, "day1@example.org"), by=admin_user)
    confirmed(event, "new@example.org")
    confirmed(event, "wait@example.org")  # stays confirmed; the status filter decides
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            f"/admin/events/registrations/{event.pk}/email/", message_form()
        )

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "day1@example.org",
        "new@example.org",
        "wait@example.org",
    ]


def test_participant_message_to_the_waitlist_only(
    coordinator, index, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity_on_site=1)
    confirmed(event, "seated@example.org")
    confirmed(event, "waiting@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(
            f"/admin/events/registrations/{event.pk}/email/",
            message_form(statuses=["waitlisted"]),
        )

    assert [m.to for m in mail.outbox] == [["waiting@example.org"]]


def test_participant_message_to_one_session_only(
    coordinator, index, django_capture_on_commit_callbacks
):
    event = make_event(index, registration_mode=RegistrationMode.SESSIONS)
    day1 = EventSessionFactory(event=event)
    day2 = EventSessionFactory(event=event)
    confirmed(event, "one@example.org", sessions=[day1])
    confirmed(event, "two@example.org", sessions=[day2])
    confirmed(event, "both@example.org", sessions=[day1, day2])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(
            f"/admin/events/registrations/{event.pk}/email/",
            message_form(sessions=[str(day2.pk)]),
        )

    assert sorted(m.to[0] for m in mail.outbox) == ["both@example.org", "two@example.org"]


def test_participant_message_fills_placeholders_in_the_participants_language(
    coordinator, event, django_capture_on_commit_callbacks
):
    CentreSettings.objects.update_or_create(defaults={"email": "china@example.org"})
    confirmed(event, "ana@example.org", name="Ana", language="en")
    confirmed(event, "bo@example.org", name="Bo", language="de")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(f"/admin/events/registrations/{event.pk}/email/", message_form())

    by_address = {m.to[0]: m for m in mail.outbox}
    english = by_address["ana@example.org"]
    assert english.subject == "Room change"
    assert english.body.startswith(
        f"Hello Ana, we meet in room 204 for {event.title}. Your link: http"
    )
    assert "/en/event-registration/manage/" in english.body.splitlines()[0]
    assert english.reply_to == ["china@example.org"]
    german = by_address["bo@example.org"]
    assert (german.subject, german.body.splitlines()[0]) == (
        "Raumänderung",
        "Hallo Bo, wir treffen uns in Raum 204.",
    )


def test_participant_message_with_an_unknown_placeholder_is_refused(coordinator, event):
    confirmed(event, "ana@example.org")
    mail.outbox.clear()

    response = coordinator.post(
        f"/admin/events/registrations/{event.pk}/email/",
        message_form(body_en="Hello {nme}"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["body_en"] == [
        "Unknown placeholder {nme}. You can use {name}, {event}, {link}."
    ]
    assert mail.outbox == []


def test_participant_message_preview_shows_the_count_and_sends_nothing(coordinator, event):
    confirmed(event, "ana@example.org", name="Ana")
    confirmed(event, "bo@example.org", name="Bo")
    mail.outbox.clear()

    response = coordinator.post(
        f"/admin/events/registrations/{event.pk}/email/", message_form(action="preview")
    )

    assert response.status_code == 200
    assert response.context["recipient_count"] == 2
    assert response.context["preview"]["subject"] == "Room change"
    assert response.context["preview"]["body"].startswith("Hello Ana, we meet in room 204")
    assert mail.outbox == []


def test_participant_message_test_goes_to_the_coordinator_only(
    coordinator, event, django_capture_on_commit_callbacks
):
    confirmed(event, "ana@example.org", name="Ana")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            f"/admin/events/registrations/{event.pk}/email/", message_form(action="test")
        )

    assert response.status_code == 200
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["coordinator@example.org"], "[Test] Room change")
    ]


def test_participant_message_is_logged_with_its_audience(coordinator, event):
    confirmed(event, "ana@example.org")

    coordinator.post(f"/admin/events/registrations/{event.pk}/email/", message_form())

    entry = PageLogEntry.objects.get(action="events.participants_emailed")
    assert entry.data == {
        "subject": "Raumänderung",
        "recipients": 1,
        "statuses": ["confirmed", "attended"],
        "sessions": [],
    }


def test_changed_time_reaches_people_already_checked_in(
    event, admin_user, django_capture_on_commit_callbacks
):
    services.check_in(confirmed(event, "day1@example.org"), by=admin_user)
    services.announce_schedule_change(event)
    event.place = "Raum 204"
    event.save_revision().publish()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        told = services.announce_schedule_change(event)

    assert told == 1
    assert [m.to for m in mail.outbox] == [["day1@example.org"]]


def test_changed_place_without_notice_updates_silently(event):
    confirmed(event, "ana@example.org")
    services.announce_schedule_change(event)
    event.place = "Aula Academica (typo fixed)"
    event.save_revision().publish()
    mail.outbox.clear()

    told = services.announce_schedule_change(event, notify=False)

    assert (told, mail.outbox) == (0, [])
    assert services.announce_schedule_change(event) == 0


def test_publishing_a_changed_place_asks_first_and_mails_nobody(coordinator, event):
    confirmed(event, "ana@example.org")
    confirmed(event, "bo@example.org")
    services.announce_schedule_change(event)
    mail.outbox.clear()

    response = coordinator.post(
        f"/admin/pages/{event.pk}/edit/",
        _page_data(event, place="Raum 204", **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["notify_participants"] == [
        "You changed the time or place. 2 participants can be told by e-mail: "
        "choose whether to send it."
    ]
    assert EventPage.objects.get(pk=event.pk).place == "Aula Academica"
    assert mail.outbox == []


def test_publishing_a_changed_place_with_notice_mails_and_says_how_many(
    coordinator, event, django_capture_on_commit_callbacks
):
    confirmed(event, "ana@example.org")
    confirmed(event, "bo@example.org")
    services.announce_schedule_change(event)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            f"/admin/pages/{event.pk}/edit/",
            _page_data(
                event,
                place="Raum 204",
                notify_participants="yes",
                **{"action-publish": "action-publish"},
            ),
            follow=True,
        )

    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bo@example.org"]
    assert "2 participants were told about the changed time or place." in [
        str(message) for message in response.context["messages"]
    ]


def test_changed_session_time_notifies_its_participants(
    coordinator, index, django_capture_on_commit_callbacks
):
    event = make_event(index, registration_mode=RegistrationMode.SESSIONS)
    day1 = EventSessionFactory(event=event)
    day2 = EventSessionFactory(event=event)
    confirmed(event, "one@example.org", sessions=[day1])
    confirmed(event, "two@example.org", sessions=[day2])
    mail.outbox.clear()
    later = day2.start + datetime.timedelta(minutes=30)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            f"/admin/event_sessions/edit/{day2.pk}/",
            _session_data(day2, start=later, notify_participants="on"),
        )

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["two@example.org"]]
    assert mail.outbox[0].subject == f"Changed time or place: {day2.title_en}"


def test_session_ending_after_its_event_is_refused(event):
    session = EventSession(
        event=event,
        title_de="Abendempfang",
        start=event.start,
        end=event.end + datetime.timedelta(minutes=1),
    )

    with translation.override("en"), pytest.raises(ValidationError) as error:
        session.full_clean()
    with translation.override("en"):
        errors = error.value.message_dict

    assert errors == {"end": ["A session must end by the end of its event."]}


def test_session_starting_before_its_event_is_refused(event):
    session = EventSession(
        event=event,
        title_de="Vorabend",
        start=event.start - datetime.timedelta(hours=1),
        end=event.start,
    )

    with translation.override("en"), pytest.raises(ValidationError) as error:
        session.full_clean()
    with translation.override("en"):
        errors = error.value.message_dict

    assert errors == {"start": ["A session must not start before its event."]}


def _local(value):
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _session_data(session, **changes):
    data = {
        "event": session.event_id,
        "title_de": session.title_de,
        "title_en": session.title_en,
        "title_zh": session.title_zh,
        "start": _local(session.start),
        "end": _local(session.end),
        "place": session.place,
        "capacity_on_site": "",
        "capacity_online": "",
    }
    for key, value in changes.items():
        data[key] = _local(value) if isinstance(value, datetime.datetime) else value
    return data


def _page_data(event, **changes):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = nested_form_data(
        {
            "title": event.title,
            "slug": event.slug,
            "event_type": event.event_type,
            "event_format": event.event_format,
            "event_language": event.event_language,
            "start": _local(event.start),
            "end": _local(event.end),
            "teaser": event.teaser,
            "place": event.place,
            "address": event.address,
            "online_link": event.online_link,
            "speakers": event.speakers,
            "body": streamfield([]),
            "registration_enabled": "on",
            "registration_mode": event.registration_mode,
            "registration_deadline": "",
            "capacity_on_site": event.capacity_on_site or "",
            "capacity_online": event.capacity_online or "",
            "max_companions": event.max_companions,
            "comments": inline_formset([]),
        }
    )
    data.update(changes)
    return data
