import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qiao.mobility.models import ProgrammePage

from .factories import ApplicationFactory, CallFactory, UserFactory

pytestmark = pytest.mark.django_db


def _add_programme(index, number, **fields):
    values = {
        "title": f"Programm {number}",
        "slug": f"programm-{number}",
        "programme_type": "summer_school",
        "partner_name": "Sichuan University",
        "duration": "3 Wochen",
        "teaser": "Sommer in Chengdu.",
        **fields,
    }
    page = ProgrammePage(**values)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_programme_page_shows_call_with_dual_deadline(client, call):
    response = client.get(call.programme.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert call.title_de in html
    assert "China" in html  # the CST equivalent beside the Berlin time
    assert reverse("mobility:apply", args=[call.pk]) in html


def test_index_filters_by_type_direction_and_open(client, call):
    index = call.programme.get_parent()
    _add_programme(index, 1, direction="incoming", programme_type="staff_training")
    url = index.url
    titles = lambda response: [p.title for p in response.context["programmes"]]  # noqa: E731
    assert titles(client.get(url)) == ["Programm 1", "Winter School Beihang"]
    assert titles(client.get(url, {"type": "staff_training"})) == ["Programm 1"]
    assert titles(client.get(url, {"direction": "outgoing"})) == ["Winter School Beihang"]
    assert titles(client.get(url, {"open": "1"})) == ["Winter School Beihang"]
    assert titles(client.get(url, {"partner": "Beihang University"})) == ["Winter School Beihang"]
    assert titles(client.get(url, {"type": "nonsense"})) == ["Programm 1", "Winter School Beihang"]


def test_partner_not_public_is_not_named_on_programme_pages_or_filters(client, call):
    from qiao.partners.tests.factories import InstitutionFactory

    hidden = InstitutionFactory(name_en="Secret University", is_public=False)
    index = call.programme.get_parent()
    programme = _add_programme(index, 2, partner=hidden, partner_name="Secret University")

    listing = client.get(index.url)
    filtered = client.get(index.url, {"partner": "Secret University"})
    page = client.get(programme.url)

    assert listing.context["partners"] == ["Beihang University"]
    assert "Secret University" not in listing.content.decode()
    assert list(filtered.context["programmes"]) == []
    assert "Secret University" not in page.content.decode()
    assert page.status_code == 200


def test_public_partner_is_named_on_its_programme_page(client, call):
    from qiao.partners.tests.factories import InstitutionFactory

    shown = InstitutionFactory(name_en="Open University", is_public=True)
    programme = _add_programme(call.programme.get_parent(), 3, partner=shown, partner_name="")

    response = client.get(programme.url)

    assert "<dt>Partner</dt><dd>Open University</dd>" in response.content.decode()


def _count_queries(client, url):
    client.get(url)  # warm the per-process caches (site, locales) first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_query_count_is_constant(client, call):
    index = call.programme.get_parent()
    one = _count_queries(client, index.url)
    for number in range(4):
        _add_programme(index, number + 10)
    assert _count_queries(client, index.url) == one


def test_dashboard_query_count_is_constant(client, call):
    user = UserFactory()
    ApplicationFactory(call=call, applicant=user)
    client.force_login(user)
    url = reverse("accounts:dashboard")
    one = _count_queries(client, url)
    for _ in range(4):
        ApplicationFactory(call=CallFactory(programme=call.programme), applicant=user)
    assert _count_queries(client, url) == one


def test_admin_lists_query_counts_are_constant(client, call):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    ApplicationFactory(call=call, status="submitted", submitted_at=timezone.now())
    calls_url = reverse("mobility_admin:calls")
    list_url = reverse("mobility_admin:applications", args=[call.pk])
    calls_one, list_one = _count_queries(client, calls_url), _count_queries(client, list_url)
    ApplicationFactory.create_batch(5, call=call, status="submitted", submitted_at=timezone.now())
    CallFactory.create_batch(3, programme=call.programme)
    assert (_count_queries(client, calls_url), _count_queries(client, list_url)) == (
        calls_one,
        list_one,
    )


def test_admin_export_lists_applications_in_rank_order(client, call):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    ApplicationFactory(
        call=call, status="submitted", first_name="=cmd", submitted_at=timezone.now()
    )
    csv_response = client.get(reverse("mobility_admin:export_csv", args=[call.pk]))
    lines = csv_response.content.decode().splitlines()
    assert len(lines) == 2
    assert lines[1].split(",")[1] == "'=cmd"
    xlsx = client.get(reverse("mobility_admin:export_xlsx", args=[call.pk]))
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_apply_creates_one_draft_and_closed_call_refuses(client, call):
    user = UserFactory()
    client.force_login(user)
    url = reverse("mobility:apply", args=[call.pk])
    first = client.post(url)
    second = client.post(url)
    assert first["Location"] == second["Location"]
    assert user.mobility_applications.count() == 1
    closed = CallFactory(
        programme=call.programme,
        opens_at=timezone.now() - datetime.timedelta(days=20),
        closes_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    response = client.post(reverse("mobility:apply", args=[closed.pk]), follow=True)
    assert "This call is not open for applications." in response.content.decode() or (
        "nicht" in response.content.decode()
    )
    assert user.mobility_applications.count() == 1
