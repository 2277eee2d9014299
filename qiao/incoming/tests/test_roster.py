import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qiao.incoming import roster
from qiao.incoming.models import Participant

from .factories import CohortFactory, ParticipantFactory
from .rosters import csv_bytes, rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def _upload(client, cohort, content: bytes, name="roster.csv"):
    return client.post(
        reverse("incoming_admin:roster_import", args=[cohort.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def _errors(response) -> list[tuple[int, list[str]]]:
    return [(error.line, error.messages) for error in response.context["row_errors"]]


def test_roster_import_csv_creates_all_participants(staff_client):
    cohort = CohortFactory()
    response = _upload(staff_client, cohort, csv_bytes(rows(21)))
    assert response.status_code == 302
    assert Participant.objects.filter(cohort=cohort).count() == 21
    first = Participant.objects.get(email="p0@example.cn")
    assert (first.name_zh, first.name_pinyin, first.role, first.gender) == (
        "王伟",
        "Wang Wei",
        "student",
        "male",
    )


def test_roster_import_xlsx_creates_all_participants(staff_client):
    cohort = CohortFactory()
    response = _upload(staff_client, cohort, xlsx_bytes(rows(21)), name="roster.xlsx")
    assert response.status_code == 302
    assert Participant.objects.filter(cohort=cohort).count() == 21


def test_roster_import_bad_rows_imports_nobody(staff_client):
    cohort = CohortFactory()
    data = rows(21)
    data[3][3] = "31.02.2001"  # line 5: no such day
    data[9][4] = "not-an-address"  # line 11
    response = _upload(staff_client, cohort, csv_bytes(data))
    assert response.status_code == 200
    assert _errors(response) == [
        (5, ["Date of birth: Enter a valid date."]),
        (11, ["E-mail address: Enter a valid email address."]),
    ]
    assert Participant.objects.count() == 0


def test_roster_import_duplicate_in_file_is_an_error(staff_client):
    cohort = CohortFactory()
    data = rows(3)
    data.append(list(data[0]))
    data[3][4] = "other@example.cn"  # same passport name and birthday as line 2
    response = _upload(staff_client, cohort, csv_bytes(data))
    assert _errors(response) == [
        (
            5,
            ["The same person as in line 2 (passport name and date of birth, or e-mail)."],
        )
    ]
    assert Participant.objects.count() == 0


def test_roster_import_person_already_in_cohort_is_an_error(staff_client):
    cohort = CohortFactory()
    ParticipantFactory(cohort=cohort, email="p1@example.cn")
    response = _upload(staff_client, cohort, csv_bytes(rows(3)))
    assert _errors(response) == [(3, ["This person is already in the group."])]
    assert Participant.objects.count() == 1


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)"])
def test_roster_import_formula_cell_is_refused(staff_client, value):
    cohort = CohortFactory()
    data = rows(2)
    data[1][1] = value
    response = _upload(staff_client, cohort, xlsx_bytes(data), name="roster.xlsx")
    assert _errors(response) == [
        (
            3,
            [f"“Name in pinyin” starts with {value[0]} like a formula; formulas are not accepted."],
        )
    ]
    assert Participant.objects.count() == 0


def test_roster_import_too_large_file_gets_message(staff_client):
    cohort = CohortFactory()
    content = csv_bytes(rows(2)) + b"x" * (10 * 1024 * 1024)
    response = _upload(staff_client, cohort, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file is too large (10.0\xa0MB); a roster may have at most 2.0\xa0MB."
    ]
    assert Participant.objects.count() == 0


def test_roster_import_wrong_template_gets_message(staff_client):
    cohort = CohortFactory()
    content = csv_bytes([["Wang Wei", "2001-01-01"]], header=["Name", "Birthday"])
    response = _upload(staff_client, cohort, content)
    assert response.status_code == 200
    assert (
        response.context["form"]
        .errors["file"][0]
        .startswith(
            "This is not the roster template: the column(s) “Name in Chinese characters / 中文姓名”"
        )
    )


def test_roster_import_damaged_xlsx_gets_message(staff_client):
    cohort = CohortFactory()
    response = _upload(staff_client, cohort, b"PK\x03\x04" + b"\x00" * 300, name="r.xlsx")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file cannot be read. Please upload the roster as .xlsx or .csv, made from the "
        "template."
    ]


def test_roster_import_semicolon_gb18030_csv_is_read(staff_client):
    cohort = CohortFactory()
    content = csv_bytes(rows(2), delimiter=";", encoding="gb18030")
    response = _upload(staff_client, cohort, content)
    assert response.status_code == 302
    assert sorted(Participant.objects.values_list("name_zh", flat=True)) == ["李伟", "王伟"]


def test_roster_import_over_capacity_imports_nobody(staff_client):
    cohort = CohortFactory(capacity=20)
    response = _upload(staff_client, cohort, csv_bytes(rows(21)))
    assert response.context["form"].errors["file"] == [
        "The group has 20 free places; the file has 21 participants."
    ]
    assert Participant.objects.count() == 0


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_roster_template_reads_as_empty_roster(staff_client, extension):
    response = staff_client.get(reverse("incoming_admin:roster_template", args=[extension]))
    assert response.status_code == 200
    upload = SimpleUploadedFile(f"t.{extension}", response.content)
    with pytest.raises(roster.RosterFileError) as error:
        roster.check_roster(upload, CohortFactory())
    assert error.value.message == "Die Datei enthält unter der Kopfzeile keine Teilnehmenden."


def test_roster_import_refused_when_places_taken_meanwhile(coordinator):
    from qiao.incoming import services

    cohort = CohortFactory(capacity=2)
    upload = SimpleUploadedFile("r.csv", csv_bytes(rows(2)))
    check = roster.check_roster(upload, cohort)
    ParticipantFactory(cohort=cohort)  # added after the check
    with pytest.raises(services.CapacityExceeded):
        services.import_roster(cohort, check.rows, by=coordinator)
    assert Participant.objects.count() == 1
