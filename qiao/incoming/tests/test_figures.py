import datetime

import pytest

from qiao.incoming import services
from qiao.reports import queries
from qiao.reports.queries import Filters, Period

from .factories import CohortFactory, InstitutionFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_incoming_figures_per_partner_and_year_count_erased_participants():
    kust = InstitutionFactory(name_en="KUST")
    ynu = InstitutionFactory(name_en="Yunnan University")
    ParticipantFactory.create_batch(3, cohort=CohortFactory(partner=kust))
    ParticipantFactory.create_batch(2, cohort=CohortFactory(partner=ynu, type="lecturer_training"))
    earlier = CohortFactory(
        partner=kust, starts_on=datetime.date(2025, 7, 1), ends_on=datetime.date(2025, 7, 10)
    )
    ParticipantFactory(cohort=earlier)
    services.purge_participants(older_than_days=0, today=datetime.date(2026, 12, 31))
    year = Period.of("calendar", 2026)
    assert queries.incoming_figures(year) == {
        "participants": 5,
        "by_partner": {"KUST": 3, "Yunnan University": 2},
        "by_type": {"lecturer_training": 2, "summer_school": 3},
    }
    assert queries.incoming_figures(year, Filters(partner=kust.pk))["participants"] == 3
    assert queries.incoming_figures(Period.of("calendar", 2025))["participants"] == 1
