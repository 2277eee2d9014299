"""Check-in per session and by the QR code of the confirmation; lists per session."""

import pytest
import time_machine
from django.core import mail

from qiao.events import queries, services
from qiao.events.enums import EventFormat, ParticipationMode, RegistrationMode
from qiao.events.models import CheckIn

from .factories import EventSessionFactory, make_event, register

pytestmark = pytest.mark.django_db


def confirmed(event, email, **kwargs):
    return services.confirm_registration(register(event, email, **kwargs))


@pytest.fixture
def series(index):
    event = make_event(
        index,
        registration_mode=RegistrationMode.SESSIONS,
        event_format=EventFormat.HYBRID,
        capacity_on_site=None,
        capacity_online=None,
    )
    day1 = EventSessionFactory(event=event, place="Raum 204")
    day2 = EventSessionFactory(event=event)
    return event, day1, day2


def test_check_in_code_is_valid_once_then_says_when_and_by_whom(event, admin_user):
    ana = confirmed(event, "ana@example.org")
    code = services.check_in_code(ana)

    with time_machine.travel(event.start, tick=False):
        first = services.check_in_by_code(event, code, by=admin_user)
    second = services.check_in_by_code(event, code.lower(), by=admin_user)

    assert (first.outcome, second.outcome) == ("valid", "already")
    assert second.check_in.checked_in_at == event.start
    assert second.check_in.checked_in_by == admin_user
    ana.refresh_from_db()
    assert ana.status == "attended"


def test_check_in_code_for_another_session_is_refused(series, admin_user):
    event, day1, day2 = series
    ana = confirmed(event, "ana@example.org", sessions=[day1])

    result = services.check_in_by_code(
        event, services.check_in_code(ana), session=day2, by=admin_user
    )

    assert (result.outcome, CheckIn.objects.count()) == ("wrong_session", 0)


def test_check_in_code_of_the_waitlist_is_not_confirmed(index, admin_user):
    event = make_event(index, capacity_on_site=1)
    confirmed(event, "seated@example.org")
    waiting = confirmed(event, "waiting@example.org")

    result = services.check_in_by_code(event, services.check_in_code(waiting), by=admin_user)

    assert (result.outcome, result.registration.status) == ("not_confirmed", "waitlisted")


def test_check_in_code_changed_by_hand_is_unknown(event, admin_user):
    ana = confirmed(event, "ana@example.org")
    pk, _dash, digest = services.check_in_code(ana).partition("-")

    result = services.check_in_by_code(event, f"{pk}-{digest[::-1]}", by=admin_user)

    assert (result.outcome, CheckIn.objects.count()) == ("unknown", 0)


def test_check_in_code_of_another_event_is_unknown(index, admin_user):
    event = make_event(index)
    other = make_event(index)
    ana = confirmed(other, "ana@example.org")

    result = services.check_in_by_code(event, services.check_in_code(ana), by=admin_user)

    assert result.outcome == "unknown"


def test_checked_in_on_day_one_checks_in_again_on_day_two(series, admin_user):
    event, day1, day2 = series
    ana = confirmed(event, "ana@example.org", sessions=[day1, day2])
    code = services.check_in_code(ana)

    outcomes = [
        services.check_in_by_code(event, code, session=day1, by=admin_user).outcome,
        services.check_in_by_code(event, code, session=day2, by=admin_user).outcome,
    ]

    assert outcomes == ["valid", "valid"]
    assert CheckIn.objects.filter(registration=ana).count() == 2


def test_confirmation_carries_the_check_in_code_and_its_qr_image(
    event, django_capture_on_commit_callbacks
):
    ana = register(event, "ana@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_registration(ana)

    message = mail.outbox[0]
    code = services.check_in_code(ana)
    assert f"Your check-in code (the attached QR code): {code}" in message.body
    name, content, mimetype = message.attachments[1]
    assert (name, mimetype, content[:8]) == ("check-in.png", "image/png", b"\x89PNG\r\n\x1a\n")


def test_session_numbers_count_on_site_and_online_apart(series, admin_user):
    event, day1, day2 = series
    ana = confirmed(event, "ana@example.org", sessions=[day1])
    confirmed(event, "bo@example.org", sessions=[day1], participation_mode="online")
    confirmed(event, "cy@example.org", sessions=[day2], participation_mode="online")
    services.check_in(ana, session=day1, by=admin_user)

    rows = {
        row["session"]: (row["seats"], row["present"]) for row in queries.session_numbers(event)
    }

    assert rows == {
        day1: ({"on_site": 1, "online": 1}, {"on_site": 1, "online": 0}),
        day2: ({"on_site": 0, "online": 1}, {"on_site": 0, "online": 0}),
    }


def test_online_attendance_is_recorded_apart(series, admin_user):
    event, day1, _day2 = series
    bo = confirmed(event, "bo@example.org", sessions=[day1], participation_mode="online")

    services.check_in(bo, session=day1, by=admin_user)

    assert list(CheckIn.objects.values_list("session", "participation_mode")) == [
        (day1.pk, ParticipationMode.ONLINE)
    ]


def test_printable_session_list_leaves_out_online_participants(client, admin_user, series):
    event, day1, day2 = series
    confirmed(event, "ana@example.org", name="Ana Vor Ort", sessions=[day1])
    confirmed(
        event, "bo@example.org", name="Bo Online", sessions=[day1], participation_mode="online"
    )
    confirmed(event, "cy@example.org", name="Cy Anderer Tag", sessions=[day2])
    client.force_login(admin_user)

    response = client.get(
        f"/admin/events/registrations/{event.pk}/check-in-list/?session={day1.pk}"
    )

    assert [r.name for r in response.context["registrations"]] == ["Ana Vor Ort"]
    assert "Raum 204" in response.content.decode()


def test_check_in_page_answers_at_once(client, admin_user, series):
    event, day1, _day2 = series
    ana = confirmed(event, "ana@example.org", sessions=[day1])
    client.force_login(admin_user)
    url = f"/admin/events/registrations/{event.pk}/check-in/"

    answers = [
        client.post(url, {"code": services.check_in_code(ana), "session": day1.pk})
        .context["result"]
        .outcome
        for _ in range(2)
    ]

    assert answers == ["valid", "already"]


def test_check_in_page_finds_people_by_name(client, admin_user, event):
    confirmed(event, "ana@example.org", name="Ana Beispiel")
    confirmed(event, "bo@example.org", name="Bo Muster")
    client.force_login(admin_user)

    response = client.get(f"/admin/events/registrations/{event.pk}/check-in/?q=beisp")

    assert [r.name for r in response.context["found"]] == ["Ana Beispiel"]


def test_check_in_page_is_refused_without_permission(client, event, django_user_model):
    user = django_user_model.objects.create_user(username="visitor", password="x")
    client.force_login(user)

    response = client.get(f"/admin/events/registrations/{event.pk}/check-in/")

    assert response.status_code == 302


def test_qr_image_with_the_fixed_mask_decodes_to_the_code(tmp_path):
    import shutil
    import subprocess

    from qiao.events.emails import qr_png

    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.skip("zbarimg (apt zbar-tools) is not installed")
    image = tmp_path / "check-in.png"
    image.write_bytes(qr_png("4711-1A2B3C4D"))

    result = subprocess.run(  # noqa: S603 - a fixed local program on a file we wrote
        [zbarimg, "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "4711-1A2B3C4D"
