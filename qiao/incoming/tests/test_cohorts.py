import datetime

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qiao.incoming import access

from .factories import CohortFactory, ParticipantFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_cohort_title_follows_language():
    cohort = CohortFactory()
    from django.utils import translation

    with translation.override("zh-hans"):
        assert cohort.title == "能源转型暑期学校"
    with translation.override("en"):
        assert cohort.title == "Summer School Energy Transition"


def test_cohort_ending_before_start_is_refused():
    with pytest.raises(IntegrityError):
        CohortFactory(starts_on=datetime.date(2026, 7, 6), ends_on=datetime.date(2026, 7, 5))


def test_participant_missing_details_when_new():
    participant = ParticipantFactory()
    assert participant.missing_details() == [
        "Passseite",
        "Passnummer",
        "Ankunft",
        "Notfallkontakt",
        "Krankenversicherung gültig bis",
    ]


def test_coordinator_role_may_manage_groups(coordinator):
    assert access.can_manage(coordinator) is True


def test_passport_data_only_for_own_coordinators(coordinator):
    own = CohortFactory(coordinators=[coordinator])
    other = CohortFactory()
    assert access.can_view_passport_data(coordinator, own) is True
    assert access.can_view_passport_data(coordinator, other) is False
    assert access.can_view_passport_data(StaffFactory(username="root"), other) is True


def test_cohort_list_in_back_office_shows_group(staff_client):
    CohortFactory(title_en="Lecturer Training 2026")
    response = staff_client.get(reverse("wagtailsnippets_incoming_cohort:list"))
    assert response.status_code == 200
    assert "Lecturer Training 2026" in response.content.decode()


def test_cohort_screen_lists_roster(staff_client):
    cohort = CohortFactory()
    ParticipantFactory(cohort=cohort, name_pinyin="Wang Fang", name_zh="王芳")
    response = staff_client.get(reverse("incoming_admin:cohort", args=[cohort.pk]))
    assert response.status_code == 200
    assert "王芳 (Wang Fang)" in response.content.decode()


def test_cohort_screen_refused_without_permission(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("guest", "guest@example.org", "x"))
    cohort = CohortFactory()
    response = client.get(reverse("incoming_admin:cohort", args=[cohort.pk]))
    assert response.status_code == 302


def _queries_for(client, cohort) -> int:
    with CaptureQueriesContext(connection) as context:
        client.get(reverse("incoming_admin:cohort", args=[cohort.pk]))
    return len(context.captured_queries)


def test_cohort_screen_query_count_constant(staff_client):
    one = CohortFactory()
    ParticipantFactory(cohort=one)
    many = CohortFactory()
    ParticipantFactory.create_batch(15, cohort=many)
    _queries_for(staff_client, one)
    assert _queries_for(staff_client, many) == _queries_for(staff_client, one)
