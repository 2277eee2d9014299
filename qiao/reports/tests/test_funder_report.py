import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from qiao.accounts.models import AuditEntry
from qiao.core.models import CentreSettings
from qiao.mobility.enums import ApplicationStatus, GrantStatus
from qiao.mobility.models import Grant, StatusChange
from qiao.mobility.tests.factories import ApplicationFactory, UserFactory
from qiao.partners.tests.factories import InstitutionFactory
from qiao.reports import queries
from qiao.reports.models import FunderReport

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def funded(call):
    """Two people who took up a place in a call that closed in 2025, one who did not, and
    one of a call of another year."""
    call.closes_at = datetime.datetime(2025, 3, 1, tzinfo=UTC)
    call.opens_at = datetime.datetime(2025, 1, 1, tzinfo=UTC)
    call.save(update_fields=["closes_at", "opens_at"])
    call.programme.partner = InstitutionFactory(name_en="Tongji University", name_zh="同济大学")
    call.programme.save_revision().publish()
    submitted = {"submitted_at": datetime.datetime(2025, 2, 1, tzinfo=UTC)}
    wang = ApplicationFactory(
        call=call, first_name="芳", last_name="王", status=ApplicationStatus.ACCEPTED, **submitted
    )
    StatusChange.objects.create(
        application=wang,
        from_status=ApplicationStatus.OFFERED,
        to_status=ApplicationStatus.ACCEPTED,
        created_at=datetime.datetime(2025, 3, 20, 9, 0, tzinfo=UTC),
    )
    ApplicationFactory(
        call=call, first_name="Lena", last_name="Berg", status="completed", **submitted
    )
    ApplicationFactory(
        call=call, first_name="Kai", last_name="Roth", status="rejected", **submitted
    )
    call.funding_source = "DAAD PROMOS"
    call.save(update_fields=["funding_source"])
    Grant.objects.create(
        application=wang,
        call=call,
        status=GrantStatus.PAID,
        amount=Decimal("1200.50"),
        paid_amount=Decimal("1200.50"),
    )
    return call


def test_funded_persons_lists_who_took_up_a_place(funded):
    assert queries.funded_persons(2025) == [
        {
            "name": "Lena Berg",
            "programme": "Winter School Beihang",
            "partner": "Tongji University",
            "call": funded.title_de,
            "status": "completed",
            "accepted_on": None,
            "funding": None,
            "funding_source": "",
        },
        {
            "name": "王芳",
            "programme": "Winter School Beihang",
            "partner": "Tongji University",
            "call": funded.title_de,
            "status": "accepted",
            "accepted_on": datetime.datetime(2025, 3, 20, 9, 0, tzinfo=UTC),
            "funding": Decimal("1200.50"),
            "funding_source": "DAAD PROMOS",
        },
    ]
    assert queries.funded_persons(2026) == []


@pytest.fixture
def head(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Administrators"))
    client.force_login(user)
    return user


def test_funder_workbook_has_a_sheet_per_area_with_real_cells(funded, head, client):
    response = client.get("/admin/reports/funder/2025/xlsx/de/")

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Übersicht",
        "Veranstaltungen",
        "Beratung",
        "Partner",
        "Im Jahresvergleich",
        "Mobilität",
        "Geförderte Personen",
    ]
    mobility = workbook["Mobilität"]
    assert [cell.value for cell in mobility[2]] == ["Winter School Beihang", 3, 2, 1]
    assert [cell.value for cell in mobility[3]] == [
        "Summe",
        "=SUM(B2:B2)",
        "=SUM(C2:C2)",
        "=SUM(D2:D2)",
    ]
    persons = workbook["Geförderte Personen"]
    assert [cell.value for cell in persons[3]][:5] == [
        "王芳",
        None,
        "Winter School Beihang",
        "Tongji University",
        datetime.datetime(2025, 3, 20, 0, 0),
    ]
    assert [cell.value for cell in persons[3]][6:] == ["DAAD PROMOS", Decimal("1200.50")]
    assert persons["E3"].number_format == "yyyy-mm-dd"
    assert persons["H3"].number_format == "#,##0.00"


PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(PDFTOTEXT is None, reason="needs poppler's pdftotext")
def test_funder_pdf_has_letterhead_narrative_and_chinese_names(funded, head, client, tmp_path):
    settings = CentreSettings.load()
    settings.name_zh = "中国能力中心"
    settings.address = "Adolph-Roemer-Straße 2a\n38678 Clausthal-Zellerfeld"
    settings.save()
    FunderReport.objects.create(year=2025, narrative_en="A year of new partners.")

    response = client.get("/admin/reports/funder/2025/pdf/en/")

    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(  # noqa: S603 - fixed program, our own file
        [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert response["Content-Type"] == "application/pdf"
    for expected in (
        "中国能力中心",
        "38678 Clausthal-Zellerfeld",
        "Report to the funder 2025",
        "A year of new partners.",
        "王芳",
        "1,200.50 €",
        "Funded persons",
    ):
        assert expected in text, expected


def test_funder_report_creation_is_logged_per_funded_person(funded, head, client):
    client.get("/admin/reports/funder/2025/pdf/de/")

    entries = AuditEntry.objects.filter(actor=head).order_by("person_label")
    assert [(entry.action, entry.person_label, entry.subject) for entry in entries] == [
        ("exported", "Lena Berg", "Funder report 2025 (PDF, de)"),
        ("exported", "王芳", "Funder report 2025 (PDF, de)"),
    ]


@pytest.mark.parametrize("role", ["Event team", "Mobility coordinators", "Editors"])
def test_funder_report_is_refused_without_the_report_permission(role, funded, client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)

    responses = [
        client.get("/admin/reports/funder/2025/xlsx/de/"),
        client.get("/admin/reports/statistics/"),
    ]

    # The admin answers a refusal with a redirect to its home page and a message.
    assert [(r.status_code, r["Location"]) for r in responses] == [(302, "/admin/")] * 2
    assert AuditEntry.objects.count() == 0


def test_funder_report_command_writes_the_three_files(funded, tmp_path):
    call_command("funder_report", "2025", "--output", str(tmp_path), stdout=io.StringIO())

    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "funder-report-2025-de.pdf",
        "funder-report-2025-de.xlsx",
        "funder-report-2025-en.pdf",
    ]


def test_statistics_page_draws_accessible_charts_without_inline_styles(funded, head, client):
    html = client.get("/admin/reports/statistics/?kind=calendar&year=2025").content.decode()

    assert html.count('role="img"') == html.count('<svg class="qiao-chart"') == 16
    assert (
        '<desc id="chart-mobility-outcome-desc">'
        "Bewerbungen: 3; Ausgewählt: 2; Teilgenommen: 1</desc>" in html
    )
    assert " style=" not in html.split("<main", 1)[1]


def test_funder_report_of_an_impossible_year_is_not_found(funded, head, client):
    """A wrong address in the back office answers 404 there, not a redirect to the public
    site's /de/admin/... ."""
    responses = [
        client.get("/admin/reports/funder/99999/pdf/de/"),
        client.get("/admin/reports/funder/2025/docx/de/"),
        client.get("/admin/reports/funder/2025/pdf/fr/"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]


def test_statistics_page_names_the_months_of_advising(head, client):
    from qiao.advising.tests.factories import BookingFactory, SlotFactory

    BookingFactory(slot=SlotFactory(starts_at=datetime.datetime(2025, 3, 10, 9, tzinfo=UTC)))
    html = client.get("/admin/reports/statistics/?kind=calendar&year=2025").content.decode()
    assert '<th scope="row">März</th><td>1</td>' in html
