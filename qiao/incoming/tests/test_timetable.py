import datetime

import pytest
from django.urls import reverse

from qiao.incoming import queries
from qiao.incoming.models import Attendance

from .factories import CohortFactory, ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _sessions(cohort, count):
    return [
        SessionFactory(
            cohort=cohort,
            starts_at=datetime.datetime(2026, 7, 6 + day, 7, 0, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2026, 7, 6 + day, 9, 0, tzinfo=datetime.UTC),
            title=f"Tag {day + 1}",
        )
        for day in range(count)
    ]


def test_attendance_recorded_by_staff(staff_client):
    cohort = CohortFactory()
    session = _sessions(cohort, 1)[0]
    here, away = ParticipantFactory(cohort=cohort), ParticipantFactory(cohort=cohort)
    response = staff_client.post(
        reverse("incoming_admin:attendance", args=[cohort.pk, session.pk]),
        {"present": [str(here.pk)]},
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("participant_id", "present")) == {
        here.pk: True,
        away.pk: False,
    }


def test_attendance_of_other_cohort_is_ignored(staff_client):
    cohort = CohortFactory()
    session = _sessions(cohort, 1)[0]
    stranger = ParticipantFactory()
    staff_client.post(
        reverse("incoming_admin:attendance", args=[cohort.pk, session.pk]),
        {"present": [str(stranger.pk), "x"]},
    )
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize(("attended", "expected"), [(3, False), (4, True), (5, True)])
def test_certificate_needs_attendance_rule(coordinator, attended, expected):
    cohort = CohortFactory(attendance_rule=80)
    sessions = _sessions(cohort, 5)
    participant = ParticipantFactory(cohort=cohort)
    for session in sessions[:attended]:
        Attendance.objects.create(session=session, participant=participant, present=True)
    assert queries.meets_attendance_rule(participant) is expected


def test_certificate_refused_without_sessions():
    assert queries.meets_attendance_rule(ParticipantFactory()) is False


def test_timetable_groups_sessions_by_berlin_day():
    cohort = CohortFactory()
    late = SessionFactory(
        cohort=cohort,
        starts_at=datetime.datetime(2026, 7, 6, 22, 30, tzinfo=datetime.UTC),  # 00:30 in Berlin
        ends_at=datetime.datetime(2026, 7, 6, 23, 30, tzinfo=datetime.UTC),
    )
    early = SessionFactory(cohort=cohort)
    assert queries.timetable(cohort) == [
        (datetime.date(2026, 7, 6), [early]),
        (datetime.date(2026, 7, 7), [late]),
    ]


def test_cohort_ics_for_staff(staff_client):
    cohort = CohortFactory()
    _sessions(cohort, 2)
    response = staff_client.get(reverse("incoming_admin:cohort_ics", args=[cohort.pk]))
    assert response.content.decode().count("BEGIN:VEVENT") == 2
