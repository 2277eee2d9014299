"""Offer letters and funding agreements: PDFs on the letterhead, Chinese names rendered,
for the applicant and for staff only."""

import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from qiao.mobility import funding, letters, services
from qiao.mobility.enums import ApplicationStatus

from .factories import ApplicationFactory, CallFactory, UserFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus
PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture
def offered(programme):
    call = CallFactory(
        programme=programme,
        is_rolling=True,
        places=2,
        funding_source="DAAD PROMOS",
        budget=Decimal("5000.00"),
        flight_amount=Decimal("900.00"),
        stipend_amount=Decimal("300.50"),
        starts_on=datetime.date(2026, 7, 1),
        ends_on=datetime.date(2026, 7, 14),
    )
    application = ApplicationFactory(
        call=call, status=S.SHORTLISTED, first_name="小龙", last_name="李", language="zh-hans"
    )
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    services.offer_place(application, actor=coordinator)
    funding.approve_grant(application, actor=coordinator)
    application.refresh_from_db()
    return application


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    return subprocess.run(  # noqa: S603 - fixed program, our own file
        [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(PDFTOTEXT is None, reason="needs poppler-utils")
def test_offer_letter_renders_the_chinese_name_in_chinese(offered, tmp_path):
    text = _text(letters.offer_letter_pdf(offered), tmp_path)

    assert "李小龙" in text
    assert "录取通知" in text
    assert "DAAD PROMOS" in text
    assert "1.200,50" not in text  # written the Chinese way, not the German
    assert "1200.50 €" in text


@pytest.mark.skipif(PDFTOTEXT is None, reason="needs poppler-utils")
def test_funding_agreement_lists_the_parts_and_total(offered, tmp_path):
    offered.language = "de"
    text = _text(letters.funding_agreement_pdf(offered), tmp_path)

    assert "Fördervereinbarung" in text
    assert "李小龙" in text
    assert [line.split()[-2:] for line in text.splitlines() if "€" in line] == [
        ["900,00", "€"],
        ["300,50", "€"],
        ["1.200,50", "€"],
    ]


def test_letters_are_for_the_applicant_and_staff_only(client, offered):
    url = reverse("mobility:letter", args=[offered.pk, "agreement"])
    client.force_login(offered.applicant)
    own = client.get(url)
    reviewer = UserFactory()
    offered.call.reviewers.add(reviewer)
    client.force_login(reviewer)
    reviewers = client.get(url)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    staff = client.get(url)

    assert (own.status_code, reviewers.status_code, staff.status_code) == (200, 404, 200)
    assert own["Content-Type"] == "application/pdf"
    assert own.content.startswith(b"%PDF")


def test_no_letter_before_an_offer(client, programme):
    application = ApplicationFactory(call=CallFactory(programme=programme), status=S.SUBMITTED)
    client.force_login(application.applicant)
    response = client.get(reverse("mobility:letter", args=[application.pk, "offer"]))
    assert response.status_code == 404
