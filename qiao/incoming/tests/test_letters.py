import io
import subprocess
import zipfile

import pytest
from django.urls import reverse

from qiao.accounts.models import AuditEntry
from qiao.core.verification import IssuedDocument
from qiao.incoming import letters
from qiao.incoming.models import Attendance, LetterText

from .factories import CohortFactory, ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - fixed program
        ["/usr/bin/pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def _attended(participant, sessions=1):
    for _index in range(sessions):
        session = SessionFactory(cohort=participant.cohort)
        Attendance.objects.create(session=session, participant=participant, present=True)


def test_visa_letter_in_german_has_chinese_name_and_code():
    participant = ParticipantFactory(
        name_zh="王芳", name_pinyin="Wang Fang", passport_name="WANG FANG", passport_number="E1234"
    )
    text = _text(letters.letter_pdf(participant, "visa", "de"))
    record = IssuedDocument.objects.get()
    assert "王芳 · Wang Fang" in text
    partner = participant.cohort.partner.name
    assert (
        f"hiermit laden wir WANG FANG ({partner}), geboren am 5. April 2003, Reisepass Nr. E1234"
        in text
    )
    assert record.display_code in text
    assert record.kind == "incoming-visa"


def test_letter_downloaded_twice_keeps_its_code():
    participant = ParticipantFactory(passport_number="E1234")
    letters.letter_pdf(participant, "confirmation", "en")
    letters.letter_pdf(participant, "confirmation", "en")
    assert IssuedDocument.objects.count() == 1


def test_letter_text_from_admin_is_used():
    LetterText.objects.create(
        kind="confirmation", language="en", title="Confirmation", body="{name} joins {programme}."
    )
    participant = ParticipantFactory(name_zh="", name_pinyin="Zhao Lei")
    text = _text(letters.letter_pdf(participant, "confirmation", "en"))
    assert "Zhao Lei joins Summer School Energy Transition." in text


def test_fill_keeps_unknown_placeholders():
    assert letters.fill("{name} {nonsense}", {"name": "Li"}) == "Li {nonsense}"


def test_certificate_refused_below_attendance_rule():
    participant = ParticipantFactory()
    SessionFactory(cohort=participant.cohort)
    with pytest.raises(letters.LetterNotAvailable) as error:
        letters.letter_pdf(participant, "certificate", "en")
    assert error.value.message == (
        "Für die Bescheinigung ist eine Anwesenheit von 80 % der Termine nötig."
    )


def test_certificate_states_hours_and_ects():
    participant = ParticipantFactory(name_zh="", name_pinyin="Zhao Lei")
    _attended(participant)
    text = _text(letters.letter_pdf(participant, "certificate", "en"))
    assert "attended 100 % of the sessions. Workload: 40 hours. ECTS credits: 3." in text


def test_visa_zip_for_own_coordinator_is_audited(staff_client, coordinator):
    cohort = CohortFactory(coordinators=[coordinator])
    ParticipantFactory.create_batch(3, cohort=cohort, passport_number="E99")
    ParticipantFactory(cohort=cohort, passport_number="")  # left out: no passport number
    response = staff_client.get(
        reverse("incoming_admin:letters_zip", args=[cohort.pk, "visa", "en"])
    )
    assert response.status_code == 200
    assert len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == 3
    assert AuditEntry.objects.filter(action="downloaded").count() == 3


def test_visa_zip_refused_to_coordinator_of_other_group(staff_client):
    cohort = CohortFactory()
    ParticipantFactory(cohort=cohort, passport_number="E99")
    response = staff_client.get(
        reverse("incoming_admin:letters_zip", args=[cohort.pk, "visa", "en"])
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert IssuedDocument.objects.count() == 0


def test_passport_screen_is_audited(staff_client, coordinator):
    participant = ParticipantFactory(
        cohort=CohortFactory(coordinators=[coordinator]), passport_number="E5"
    )
    response = staff_client.get(reverse("incoming_admin:passport", args=[participant.pk]))
    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.detail, entry.actor) == ("opened", "passport data", coordinator)


def test_passport_screen_refused_to_other_coordinator(staff_client):
    participant = ParticipantFactory(passport_number="E5")
    response = staff_client.get(reverse("incoming_admin:passport", args=[participant.pk]))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert AuditEntry.objects.count() == 0


def test_participant_downloads_own_certificate(client, homes):
    import datetime

    import time_machine

    from qiao.incoming.links import portal_token

    participant = ParticipantFactory()
    _attended(participant)
    with time_machine.travel(datetime.datetime(2026, 7, 20, 10, 0, tzinfo=datetime.UTC)):
        response = client.get(
            reverse("incoming:letter", args=[portal_token(participant), "certificate", "de"])
        )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Teilnahmebescheinigung" in _text(response.content)
