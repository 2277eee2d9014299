"""Certificates of attendance: issued in bulk to those checked in, e-mailed as a link,
downloaded by staff and by the participant; a PDF in the participant's language with a
verification code anyone can check."""

import re
import subprocess

import pytest
from django.core import mail

from qiao.accounts.models import AuditEntry
from qiao.core.models import IssuedDocument
from qiao.events import services

from .factories import make_event, register

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],  # noqa: S607
        input=content,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


@pytest.fixture
def begun(index):
    event = make_event(index, days_ahead=1)
    li = services.confirm_registration(
        register(event, "li@example.org", name="李小龙 (Li Xiaolong)", language="zh-hans")
    )
    ana = services.confirm_registration(register(event, "ana@example.org", language="de"))
    absent = services.confirm_registration(register(event, "absent@example.org"))
    services.check_in(li, by=None)
    services.check_in(ana, by=None)
    event.start = event.start.replace(year=event.start.year - 1)
    event.end = event.end.replace(year=event.end.year - 1)
    event.save_revision().publish()
    return event, li, ana, absent


def test_issue_certificates_goes_to_those_checked_in_once(
    begun, admin_user, django_capture_on_commit_callbacks
):
    event, li, ana, _absent = begun
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = services.issue_certificates(event, by=admin_user)
        second = services.issue_certificates(event, by=admin_user)

    assert (first, second) == (2, 0)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "li@example.org",
    ]
    assert IssuedDocument.objects.count() == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address["ana@example.org"].subject.startswith("Ihre Teilnahmebescheinigung")
    assert re.search(
        r"/zh/event-registration/manage/\S+/certificate\.pdf", by_address["li@example.org"].body
    )


def test_issue_certificates_without_anyone_checked_in_issues_none(index, admin_user):
    event = make_event(index)
    services.confirm_registration(register(event, "ana@example.org"))

    assert services.issue_certificates(event, by=admin_user) == 0
    assert IssuedDocument.objects.count() == 0


def test_certificate_pdf_in_chinese_names_the_holder_and_a_code_that_verifies(
    client, begun, admin_user
):
    event, li, _ana, _absent = begun
    services.issue_certificates(event, by=admin_user)
    url = f"/zh/event-registration/manage/{services.manage_token(li)}/certificate.pdf"

    response = client.get(url)
    again = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "李小龙 (Li Xiaolong)" in text
    assert "参会证明" in text
    record = IssuedDocument.objects.get(holder_name="李小龙 (Li Xiaolong)")
    assert record.display_code in text
    assert record.display_code in pdf_text(again.content)
    assert IssuedDocument.objects.count() == 2
    verify = client.get(f"/en/verify/{record.display_code}/").content.decode()
    assert "李小龙 (Li Xiaolong)" in verify


def test_certificate_pdf_in_german(client, begun, admin_user):
    event, _li, ana, _absent = begun
    services.issue_certificates(event, by=admin_user)

    response = client.get(
        f"/de/event-registration/manage/{services.manage_token(ana)}/certificate.pdf"
    )

    text = pdf_text(response.content)
    assert "Teilnahmebescheinigung" in text
    assert "Ana Example" in text


def test_certificate_is_not_available_before_it_is_issued(client, begun):
    _event, li, _ana, _absent = begun
    token = services.manage_token(li)

    page = client.get(f"/en/event-registration/manage/{token}/").content.decode()
    response = client.get(f"/en/event-registration/manage/{token}/certificate.pdf")

    assert "certificate.pdf" not in page
    assert response.status_code == 404


def test_manage_page_offers_the_issued_certificate(client, begun, admin_user):
    event, li, _ana, _absent = begun
    services.issue_certificates(event, by=admin_user)
    token = services.manage_token(li)

    page = client.get(f"/en/event-registration/manage/{token}/").content.decode()

    assert f"/en/event-registration/manage/{token}/certificate.pdf" in page


def test_certificate_of_someone_not_checked_in_is_not_available(client, begun, admin_user):
    event, _li, _ana, absent = begun
    services.issue_certificates(event, by=admin_user)

    response = client.get(
        f"/en/event-registration/manage/{services.manage_token(absent)}/certificate.pdf"
    )

    assert response.status_code == 404


def test_staff_download_a_certificate_with_an_audit_entry(client, admin_user, begun):
    _event, _li, ana, absent = begun
    client.force_login(admin_user)

    response = client.get(f"/admin/events/registrations/registration/{ana.pk}/certificate.pdf")
    refused = client.get(f"/admin/events/registrations/registration/{absent.pk}/certificate.pdf")

    assert response.status_code == 200
    assert "Ana Example" in pdf_text(response.content)
    assert refused.status_code == 404
    assert AuditEntry.objects.filter(action="downloaded").count() == 1
