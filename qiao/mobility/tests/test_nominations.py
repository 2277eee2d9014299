"""Nominations for the partner: selected participants as XLSX and as JSON with EWP names."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from qiao.core.models import CentreSettings
from qiao.mobility.enums import ApplicationStatus
from qiao.partners.models import Institution

from .factories import ApplicationFactory, CallFactory, UserFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def nominated(programme):
    centre = CentreSettings.load()
    centre.institution_en = "Clausthal University of Technology"
    centre.ror_id = "04qb8nc58"
    centre.erasmus_code = "D  CLAUSTH01"
    centre.save()
    partner = Institution.objects.create(
        type="university",
        name_de="Beihang-Universität",
        name_en="Beihang University",
        slug="beihang",
        ror_id="00wk2mp56",
        erasmus_code="CN BEIJING99",
        isced_codes="0713, 0715",
    )
    programme.partner = partner
    programme.isced_code = "0713"
    programme.eqf_level = 7
    programme.save()
    call = CallFactory(
        programme=programme,
        starts_on=datetime.date(2026, 7, 1),
        ends_on=datetime.date(2026, 7, 14),
    )
    accepted = ApplicationFactory(
        call=call,
        status=S.ACCEPTED,
        first_name="Lena",
        last_name="Berg",
        study_programme="Energietechnik (M.Sc.)",
        language_level="hsk3",
    )
    ApplicationFactory(call=call, status=S.WAITLISTED)
    return call, accepted


def test_nominations_json_uses_ewp_field_names(client, nominated):
    call, accepted = nominated
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("mobility_admin:nominations_json", args=[call.pk]))

    (only,) = json.loads(response.content)["omobilities"]
    assert only["student"] == {
        "given-names": "Lena",
        "family-name": "Berg",
        "email": accepted.applicant.email,
    }
    assert only["sending-hei"] == {
        "x-name": "Clausthal University of Technology",
        "erasmus-code": "D  CLAUSTH01",
        "x-ror-id": "04qb8nc58",
    }
    assert only["receiving-hei"] == {
        "x-name": "Beihang University",
        "erasmus-code": "CN BEIJING99",
        "x-ror-id": "00wk2mp56",
    }
    assert (
        only["planned-arrival-date"],
        only["planned-departure-date"],
        only["eqf-level-studied-at-departure"],
        only["subject-area"],
        only["student-language-skill"],
    ) == (
        "2026-07-01",
        "2026-07-14",
        7,
        {"isced-f-code": "0713"},
        [{"language": "zh", "x-hsk-level": "HSK 3"}],
    )


def test_nominations_xlsx_lists_the_selected_only(client, nominated):
    call, _accepted = nominated
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("mobility_admin:nominations_xlsx", args=[call.pk]))

    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][10:] == (
        "sending-hei-x-name",
        "sending-hei-erasmus-code",
        "sending-hei-x-ror-id",
        "receiving-hei-x-name",
        "receiving-hei-erasmus-code",
        "receiving-hei-x-ror-id",
    )
    assert rows[1] == (
        "Lena",
        "Berg",
        rows[1][2],
        "Winter School Beihang",
        datetime.datetime(2026, 7, 1),
        datetime.datetime(2026, 7, 14),
        "Energietechnik (M.Sc.)",
        "0713",
        7,
        "HSK 3",
        "Clausthal University of Technology",
        "D  CLAUSTH01",
        "04qb8nc58",
        "Beihang University",
        "CN BEIJING99",
        "00wk2mp56",
    )
    assert len(rows) == 2


def test_a_malformed_ror_id_is_refused():
    institution = Institution(
        type="university", name_de="X", name_en="X", slug="x", ror_id="https://ror.org/1"
    )
    with pytest.raises(ValidationError) as refused:
        institution.full_clean()
    assert list(refused.value.message_dict) == ["ror_id"]


@pytest.mark.parametrize(
    ("ror_id", "erasmus_code", "refused"),
    [
        ("04qb8nc58", "D  CLAUSTH01", []),
        ("", "IRLDUBLIN01", []),
        ("https://ror.org/04qb8nc58", "D  CLAUSTH01", ["ror_id"]),
        ("04qb8nc58", "d clausth01", ["erasmus_code"]),
        ("04QB8NC58", "CLAUSTHAL", ["ror_id", "erasmus_code"]),
    ],
)
def test_centre_ror_id_and_erasmus_code_are_validated(ror_id, erasmus_code, refused):
    centre = CentreSettings.load()
    centre.ror_id, centre.erasmus_code = ror_id, erasmus_code
    if not refused:
        centre.full_clean()
        return
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert sorted(error.value.message_dict) == sorted(refused)
