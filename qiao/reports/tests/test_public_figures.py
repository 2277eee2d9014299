import datetime

import pytest

from qiao.events.models import Registration
from qiao.events.tests.factories import make_event, make_index
from qiao.reports import queries
from qiao.reports.blocks import YearInFiguresBlock

pytestmark = pytest.mark.django_db


def seats(event, count):
    Registration.objects.bulk_create(
        Registration(
            event=event,
            name="P",
            email=f"p{n}-{event.pk}@example.org",
            affiliation="student",
            participation_mode="on_site",
            status="attended",
        )
        for n in range(count)
    )


@pytest.fixture
def year_2025(homes):
    index = make_index(homes["de"])
    start = datetime.datetime(2025, 5, 1, 10, 0, tzinfo=datetime.UTC)
    seats(make_event(index, start=start, end=start + datetime.timedelta(hours=2)), 4)


def test_public_figures_hide_groups_smaller_than_five(year_2025):
    assert queries.public_figures(2025) == [
        ("events", 1),
        ("participants", None),
        ("participated", None),
        ("appointments", None),
        ("visits", 0),
    ]


def test_public_figures_show_groups_of_five(year_2025, homes):
    from qiao.events.models import EventPage

    event = EventPage.objects.get(start__year=2025)  # four seats taken so far
    Registration.objects.create(
        event=event,
        name="Q",
        email="q@example.org",
        affiliation="staff",
        participation_mode="on_site",
        status="confirmed",
    )

    assert dict(queries.public_figures(2025))["participants"] == 5


def test_year_in_figures_block_renders_fewer_than_five(year_2025):
    block = YearInFiguresBlock()

    html = block.render(block.to_python({"heading": "", "year": 2025}))

    assert html.count("weniger als 5") == 3  # the site's default language
    assert "<dd>1</dd>" in html
