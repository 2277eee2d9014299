"""Verification codes on certificates and letters: issued once per document, printed on
the PDF, and checkable by anyone on the public page."""

import io
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from reportlab.platypus import SimpleDocTemplate

from qiao.core import verification
from qiao.core.models import IssuedDocument

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def holder():
    return get_user_model().objects.create_user("li", "li@example.org", "pw")


def issue(subject=None, **changes):
    fields = {
        "kind": "event-certificate",
        "holder_name": "李小龙 (Li Xiaolong)",
        "title": "Teilnahmebescheinigung: China-Woche 2026",
        "language": "de",
        "subject": subject,
    }
    return verification.issue_document(**(fields | changes))


def test_issuing_twice_for_the_same_subject_returns_the_same_code(holder):
    first = issue(holder)
    again = issue(holder)
    other_language = issue(holder, language="en", title="Certificate of attendance")
    assert again.pk == first.pk
    assert other_language.code != first.code
    assert IssuedDocument.objects.for_subject(holder).count() == 2


def test_codes_are_twelve_unambiguous_characters_in_groups_of_four():
    document = issue()
    assert len(document.code) == 12
    assert set(document.code) <= set(verification.ALPHABET)
    assert not set("ILOU") & set(document.code)
    assert document.display_code.count("-") == 2
    assert document.verify_url.endswith(f"/de/verify/{document.display_code}/")


def test_typed_codes_are_forgiving_about_case_spaces_dashes_and_look_alike_letters():
    document = IssuedDocument.objects.create(
        code="K7QM4PXD921A", kind="x", holder_name="A", title="T", language="en"
    )
    assert verification.find(" k7qm-4pxd 92ia ") == document
    assert verification.find("K7QM-4PXD-92LA") == document
    assert verification.find("K7QM-4PXD-92") is None
    assert verification.normalise("K7QM-4PXD-92U!") is None


def test_public_page_confirms_a_valid_code_with_the_holder_and_title(client, homes):
    document = issue()
    response = client.get(f"/en/verify/{document.display_code}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Valid" in text
    assert "李小龙 (Li Xiaolong)" in text
    assert "Teilnahmebescheinigung: China-Woche 2026" in text
    assert response["X-Robots-Tag"] == "noindex"


def test_public_page_form_takes_a_typed_code_in_chinese(client, homes):
    document = issue()
    typed = document.display_code.lower().replace("-", " ")
    response = client.get("/zh/verify/", {"code": typed})
    assert response.status_code == 200
    assert "有效" in response.content.decode()


def test_withdrawn_document_shows_as_withdrawn(client, homes):
    document = issue()
    document.revoke(reason="Issued by mistake")
    response = client.get(f"/de/verify/{document.code}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Zurückgezogen" in text
    assert "nicht mehr gültig" in text


def test_unknown_and_malformed_codes_get_a_clear_answer_not_an_error(client, homes):
    unknown = client.get("/en/verify/AAAA-BBBB-CCCC/")
    malformed = client.get("/en/verify/", {"code": "<script>"})
    assert unknown.status_code == 404
    assert "Unknown code" in unknown.content.decode()
    assert malformed.status_code == 400
    assert "12 letters and digits" in malformed.content.decode()
    assert "<script>" not in malformed.content.decode()


def test_guessing_codes_is_limited_per_address(client, homes, settings):
    settings.VERIFY_RATE_LIMIT = "3/h"
    statuses = [client.get(f"/en/verify/AAAA-BBBB-CCC{n}/").status_code for n in range(5)]
    assert statuses == [404, 404, 404, 429, 429]


def test_forgetting_a_subject_deletes_its_codes(holder):
    code = issue(holder).code
    assert verification.forget_subject(holder) == 1
    assert verification.find(code) is None


def test_pdf_foot_carries_the_code_the_address_and_a_readable_qr_code(tmp_path):
    document = issue()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(verification.verification_flowables(document))
    pdf = tmp_path / "foot.pdf"
    pdf.write_bytes(buffer.getvalue())
    text = subprocess.run(  # noqa: S603
        ["pdftotext", str(pdf), "-"],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,  # noqa: S607
    ).stdout
    assert document.display_code in text
    assert document.verify_url in text
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "200", "-singlefile", str(pdf), str(tmp_path / "foot")],  # noqa: S607
        check=True,
    )
    decoded = subprocess.run(  # noqa: S603
        ["zbarimg", "--raw", "-q", str(tmp_path / "foot.png")],  # noqa: S607
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert decoded == document.verify_url


def test_staff_withdraw_a_document_with_a_reason_and_cannot_add_or_delete(client, homes):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("team", "team@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Event team"))
    client.force_login(user)
    document = issue()
    edit = f"/admin/issued_documents/edit/{document.pk}/"
    assert client.get("/admin/issued_documents/").status_code == 200
    assert client.get("/admin/issued_documents/new/").status_code == 302
    assert client.get(f"/admin/issued_documents/delete/{document.pk}/").status_code == 302
    refused = client.post(edit, {"withdraw": "on", "withdrawn_reason": " "})
    document.refresh_from_db()
    assert refused.status_code == 200
    assert document.withdrawn_at is None
    client.post(edit, {"withdraw": "on", "withdrawn_reason": "Name misspelt"})
    document.refresh_from_db()
    assert document.withdrawn_reason == "Name misspelt"
    assert document.withdrawn_at is not None
