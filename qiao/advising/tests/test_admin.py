import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.admin.widgets import AdminDateTimeInput

from qiao.advising.enums import BookingStatus
from qiao.advising.models import Slot

from .factories import AdvisorFactory, BookingFactory, RuleFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("homes")]
AFTER_SLOT = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return user


def test_day_view_lists_the_days_bookings(client, staff, now):
    booking = BookingFactory(name="Zhang San")
    BookingFactory(
        name="Other Day", slot__starts_at=datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC)
    )

    response = client.get("/admin/advising/appointments/?date=2026-12-02")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/admin/advising/appointments/{booking.pk}/">Zhang San</a>' in html
    assert "Other Day" not in html


def test_week_view_lists_the_weeks_bookings(client, staff, now):
    BookingFactory(name="Zhang San")
    BookingFactory(
        name="Next Week", slot__starts_at=datetime.datetime(2026, 12, 8, 9, tzinfo=datetime.UTC)
    )

    html = client.get("/admin/advising/appointments/?date=2026-12-02&span=week").content.decode()

    assert ("Zhang San" in html, "Next Week" in html) == (True, False)


def test_staff_marks_no_show_and_writes_note(client, staff, time_machine):
    time_machine.move_to(AFTER_SLOT, tick=False)
    booking = BookingFactory(slot__starts_at=AFTER_SLOT - datetime.timedelta(hours=1))
    url = f"/admin/advising/appointments/{booking.pk}/"

    client.post(url, {"action": "no_show"})
    client.post(url, {"action": "note", "note": "Wrote an e-mail afterwards."})

    booking.refresh_from_db()
    assert (booking.status, booking.staff_note) == (
        BookingStatus.NO_SHOW,
        "Wrote an e-mail afterwards.",
    )


def test_no_show_before_the_meeting_is_refused(client, staff, now):
    booking = BookingFactory()

    response = client.post(
        f"/admin/advising/appointments/{booking.pk}/", {"action": "no_show"}, follow=True
    )

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    # The admin speaks the default language, German.
    assert "Der Termin hat noch nicht begonnen." in response.content.decode()


def test_csv_export_escapes_formulas(client, staff, now):
    BookingFactory(name="=HYPERLINK(1)", staff_note="fine")

    response = client.get("/admin/advising/appointments/export/?start=2026-12-01&end=2026-12-31")

    lines = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(lines) == 2
    assert ",'=HYPERLINK(1)," in lines[1]


def test_report_counts_per_topic(client, staff, now):
    booking = BookingFactory()
    BookingFactory(
        slot__topic=booking.slot.topic,
        status=BookingStatus.CANCELLED,
        slot__starts_at=booking.slot.starts_at + datetime.timedelta(hours=1),
    )

    response = client.get("/admin/advising/appointments/report/?start=2026-01-01&end=2026-12-31")

    rows = [(topic.slug, counts) for topic, counts in response.context["rows"]]
    assert rows == [(booking.slot.topic.slug, [1, 0, 0, 1])]


def test_generate_slots_button(client, staff, now):
    RuleFactory(weekday=0, start_time=datetime.time(10), end_time=datetime.time(11))

    client.post("/admin/advising/appointments/")

    assert Slot.objects.count() == 8  # four Mondays in the 28-day window, two slots each


def test_back_office_is_closed_to_staff_without_permission(client, now):
    user = get_user_model().objects.create_user("editor", "e@example.org", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    booking = BookingFactory()

    responses = [
        (client.get(url).status_code, client.get(url).get("Location"))
        for url in (
            "/admin/advising/appointments/",
            f"/admin/advising/appointments/{booking.pk}/",
            "/admin/advising/appointments/export/",
        )
    ]
    client.post(f"/admin/advising/appointments/{booking.pk}/", {"action": "cancel"})

    # Wagtail turns "permission denied" into a redirect to the dashboard with a message.
    assert responses == [(302, "/admin/")] * 3
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


@pytest.mark.parametrize(
    "query",
    ["?date=9999-12-31", "?date=0001-01-01", "?date=9999-12-30&span=week"],
)
def test_day_view_shows_today_for_a_day_beyond_the_calendar(client, staff, now, query):
    response = client.get(f"/admin/advising/appointments/{query}")

    assert (response.status_code, response.context["day"]) == (200, now.date())


def test_report_refuses_a_period_beyond_the_calendar(client, staff, now):
    response = client.get("/admin/advising/appointments/report/?start=0001-01-01&end=9999-12-31")

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors == {
        "start": ["Dieser Wert muss größer oder gleich 2000-01-01 sein."],
        "end": ["Dieser Wert muss kleiner oder gleich 2999-12-31 sein."],
    }


def test_export_of_a_period_beyond_the_calendar_falls_back_to_this_month(client, staff, now):
    response = client.get("/admin/advising/appointments/export/?start=0001-01-01&end=9999-12-31")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="appointments-{now.date().replace(day=1)}-{now.date()}.csv"'
    )


def test_single_slot_is_entered_with_the_date_picker_in_berlin_time(client, staff, now):
    advisor = AdvisorFactory()
    topic = TopicFactory(slot_minutes=30)

    form = client.get("/admin/advising_slots/new/").context["form"]
    client.post(
        "/admin/advising_slots/new/",
        {
            "advisor": advisor.pk,
            "topic": topic.pk,
            "starts_at": "2026-12-04 07:15",
            "mode": "in_person",
            "room": "Raum 2.17",
        },
    )

    assert isinstance(form.fields["starts_at"].widget, AdminDateTimeInput)
    assert form.fields["starts_at"].label == "Beginn (Berlin)"
    slot = Slot.objects.get(room="Raum 2.17")
    assert (slot.starts_at, slot.ends_at) == (
        datetime.datetime(2026, 12, 4, 6, 15, tzinfo=datetime.UTC),
        datetime.datetime(2026, 12, 4, 6, 45, tzinfo=datetime.UTC),
    )


@pytest.mark.parametrize("whole_centre", [True, False])
def test_a_single_slot_on_a_blocked_day_is_refused_with_the_reason(
    client, staff, now, whole_centre
):
    from qiao.advising.models import BlockedDay

    advisor = AdvisorFactory()
    BlockedDay.objects.create(
        date=datetime.date(2026, 12, 24),
        advisor=None if whole_centre else advisor,
        reason="Heiligabend",
    )

    response = client.post(
        "/admin/advising_slots/new/",
        {
            "advisor": advisor.pk,
            "topic": TopicFactory().pk,
            "starts_at": "2026-12-24 10:00",
            "mode": "in_person",
            "room": "Raum 2.17",
        },
    )

    assert response.status_code == 200
    assert "24.12.2026 ist gesperrt (Heiligabend)" in response.content.decode()
    assert not Slot.objects.exists()


def test_another_advisors_blocked_day_does_not_stop_a_slot(client, staff, now):
    from qiao.advising.models import BlockedDay

    advisor = AdvisorFactory()
    BlockedDay.objects.create(date=datetime.date(2026, 12, 23), advisor=AdvisorFactory())

    client.post(
        "/admin/advising_slots/new/",
        {
            "advisor": advisor.pk,
            "topic": TopicFactory().pk,
            "starts_at": "2026-12-23 10:00",
            "mode": "in_person",
            "room": "Raum 2.17",
        },
    )

    assert Slot.objects.filter(advisor=advisor).count() == 1
