"""A call's funding: grants within the budget (exactly, in Decimal), an override only with
a logged reason, payments and reclaims, the totals, the export and the funder's list."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from qiao.accounts.models import AuditEntry
from qiao.mobility import funding, services
from qiao.mobility.enums import ApplicationStatus, GrantStatus
from qiao.mobility.models import Grant
from qiao.mobility.queries import funded_persons, funding_overview

from .factories import ApplicationFactory, CallFactory, UserFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus
G = GrantStatus


@pytest.fixture
def coordinator():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def funded_call(programme):
    return CallFactory(
        programme=programme,
        funding_source="DAAD PROMOS",
        budget=Decimal("3000.00"),
        flight_amount=Decimal("850.10"),
        visa_amount=Decimal("125.00"),
        stipend_amount=Decimal("0.30"),
        flat_rate_amount=Decimal("0.20"),
        starts_on=datetime.date(2026, 7, 1),
        ends_on=datetime.date(2026, 7, 14),
    )


def _offered(call, count=1):
    return [ApplicationFactory(call=call, status=S.OFFERED) for _ in range(count)]


def test_grant_takes_the_calls_amounts_per_person(funded_call, coordinator):
    (application,) = _offered(funded_call)

    grant = funding.approve_grant(application, actor=coordinator)

    assert (grant.flight, grant.visa, grant.stipend, grant.flat_rate, grant.amount) == (
        Decimal("850.10"),
        Decimal("125.00"),
        Decimal("0.30"),
        Decimal("0.20"),
        Decimal("975.60"),
    )
    assert funding_overview(funded_call)["left"] == Decimal("2024.40")


def test_grants_fill_the_budget_to_the_cent_and_no_further(funded_call, coordinator):
    first, second, third, fourth = _offered(funded_call, 4)
    parts = {"flight": "1000.00", "visa": "0", "stipend": "0", "flat_rate": "0"}
    funding.approve_grant(first, actor=coordinator, parts=parts)
    funding.approve_grant(second, actor=coordinator, parts=parts)
    funding.approve_grant(third, actor=coordinator, parts={**parts, "flight": "999.99"})

    with pytest.raises(services.ApplicationError) as refused:
        funding.approve_grant(fourth, actor=coordinator, parts={**parts, "flight": "0.02"})

    assert refused.value.message == (
        "Dieser Zuschuss von 0,02 € würde das Budget überschreiten: 0,01 € sind übrig. "
        "Eine Koordinatorin oder ein Koordinator kann es mit einer Begründung überschreiten."
    )
    funding.approve_grant(fourth, actor=coordinator, parts={**parts, "flight": "0.01"})
    overview = funding_overview(funded_call)
    assert (overview["committed"], overview["left"]) == (Decimal("3000.00"), Decimal("0.00"))


def test_override_with_a_reason_is_logged(funded_call, coordinator):
    first, second = _offered(funded_call, 2)
    parts = {"flight": "2000.00", "visa": "0", "stipend": "0", "flat_rate": "0"}
    funding.approve_grant(first, actor=coordinator, parts=parts)

    grant = funding.approve_grant(
        second, actor=coordinator, parts=parts, override_reason="DAAD top-up promised"
    )

    assert grant.override_reason == "DAAD top-up promised"
    assert funding_overview(funded_call)["left"] == Decimal("-1000.00")
    assert list(
        ModelLogEntry.objects.filter(action="mobility.grant.over_budget").values_list(
            "object_id", "data"
        )
    ) == [(str(grant.pk), {"call": funded_call.pk, "left": "1000.00", "amount": "2000.00"})]
    assert (
        AuditEntry.objects.filter(
            detail="grant 2000.00 EUR; budget exceeded by 1000.00 EUR: DAAD top-up promised"
        ).count()
        == 1
    )


def test_paid_and_reclaimed_grants_count_what_was_paid(funded_call, coordinator):
    first, second, third = _offered(funded_call, 3)
    parts = {"flight": "1000.00", "visa": "0", "stipend": "0", "flat_rate": "0"}
    paid = funding.approve_grant(first, actor=coordinator, parts=parts)
    reclaimed = funding.approve_grant(second, actor=coordinator, parts=parts)
    funding.approve_grant(third, actor=coordinator, parts=parts)
    day = datetime.date(2026, 6, 1)
    for grant in (paid, reclaimed):
        funding.set_grant_status(grant, G.ACCEPTED, actor=coordinator)
        funding.set_grant_status(grant, G.PAID, actor=coordinator, on=day)
    funding.set_grant_status(
        reclaimed, G.RECLAIMED, actor=coordinator, amount=Decimal("400.00"), on=day
    )

    overview = funding_overview(funded_call)

    assert (overview["committed"], overview["paid"], overview["left"]) == (
        Decimal("2600.00"),
        Decimal("1600.00"),
        Decimal("400.00"),
    )
    with pytest.raises(services.ApplicationError):
        funding.set_grant_status(paid, G.OFFERED, actor=coordinator)


def test_declining_the_place_cancels_the_grant_and_frees_the_money(funded_call, coordinator):
    (application,) = _offered(funded_call)
    grant = funding.approve_grant(application, actor=coordinator)

    services.decline_offer(application, by=application.applicant)

    assert Grant.objects.get(pk=grant.pk).status == G.CANCELLED
    assert funding_overview(funded_call)["left"] == Decimal("3000.00")


def test_accepting_the_place_accepts_the_grant(funded_call, coordinator):
    (application,) = _offered(funded_call)
    grant = funding.approve_grant(application, actor=coordinator)

    services.accept_offer(application, by=application.applicant)

    assert Grant.objects.get(pk=grant.pk).status == G.ACCEPTED


def test_funded_persons_lists_accepted_and_paid_grants_of_the_year(funded_call, coordinator):
    first, second = _offered(funded_call, 2)
    first.first_name, first.last_name = "Li", "Wei"
    first.save()
    grant = funding.approve_grant(first, actor=coordinator)
    funding.approve_grant(second, actor=coordinator)  # offered only: not listed
    funding.set_grant_status(grant, G.ACCEPTED, actor=coordinator)
    funding.set_grant_status(grant, G.PAID, actor=coordinator, on=datetime.date(2026, 6, 2))

    (person,) = funded_persons(2026)

    assert (person.name, person.programme, person.starts_on, person.ends_on) == (
        "Li Wei",
        "Winter School Beihang",
        datetime.date(2026, 7, 1),
        datetime.date(2026, 7, 14),
    )
    assert (person.amount, person.paid, person.funding_source) == (
        Decimal("975.60"),
        Decimal("975.60"),
        "DAAD PROMOS",
    )
    assert funded_persons(2025) == []


def test_over_budget_in_the_back_office_shows_the_reason_field_message(
    client, funded_call, coordinator
):
    (application,) = _offered(funded_call)
    client.force_login(coordinator)
    prefix = f"a{application.pk}"

    response = client.post(
        reverse("mobility_admin:grant_approve", args=[funded_call.pk, application.pk]),
        {
            f"{prefix}-flight": "3000.01",
            f"{prefix}-visa": "0",
            f"{prefix}-stipend": "0",
            f"{prefix}-flat_rate": "0",
            f"{prefix}-override_reason": "",
        },
    )

    assert response.status_code == 400
    (row,) = response.context["rows"]
    assert row["form"].errors["override_reason"] == [
        "Dieser Zuschuss von 3.000,01 € würde das Budget überschreiten: 3.000,00 € sind übrig. "
        "Eine Koordinatorin oder ein Koordinator kann es mit einer Begründung überschreiten."
    ]
    assert Grant.objects.count() == 0


def test_grants_export_has_number_and_date_cells(client, funded_call, coordinator):
    (application,) = _offered(funded_call)
    grant = funding.approve_grant(application, actor=coordinator)
    funding.set_grant_status(grant, G.ACCEPTED, actor=coordinator)
    funding.set_grant_status(grant, G.PAID, actor=coordinator, on=datetime.date(2026, 6, 2))
    client.force_login(coordinator)

    response = client.get(reverse("mobility_admin:grants_xlsx", args=[funded_call.pk]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    row = [cell.value for cell in sheet[2]]
    assert row[4:11] == [850.1, 125, 0.3, 0.2, 975.6, 975.6, datetime.datetime(2026, 6, 2)]
    assert sheet.cell(row=2, column=9).number_format == "#,##0.00"


def test_funding_page_lists_participants_in_constant_queries(
    client, funded_call, coordinator, django_assert_max_num_queries
):
    for application in _offered(funded_call, 5)[:3]:
        funding.approve_grant(application, actor=coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("mobility_admin:funding", args=[funded_call.pk]))
    assert len(response.context["rows"]) == 5


def test_funding_page_writes_euros_the_german_way(client, funded_call, coordinator):
    funded_call.budget = Decimal("16000.00")
    funded_call.save(update_fields=["budget"])
    (application,) = _offered(funded_call)
    funding.approve_grant(application, actor=coordinator, parts={"flight": "1234.50"})
    client.force_login(coordinator)

    page = client.get(reverse("mobility_admin:funding", args=[funded_call.pk])).content.decode()

    for total, shown in (
        ("budget", "16.000,00 €"),
        ("committed", "1.234,50 €"),
        ("paid", "0,00 €"),
        ("left", "14.765,50 €"),
    ):
        assert f'<dd data-total="{total}">{shown}</dd>' in page
    assert "Angeboten: 1.234,50 €" in page
