"""A student without an account applies for a programme call with documents; a coordinator
finds the application in the back office, moves it through the selection and offers a
place; the student accepts it from the offer e-mail."""

import io
import re
import time

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from e2e.test_journey_advising import open_link_from

pytestmark = pytest.mark.journey

PROGRAMME = "Summer School at Sichuan University"
EMAIL = "li.hua.applicant@example.org"
CALL = "Summer School 2027"
PASSWORD = "Chengdu-summer-2027"


def small_pdf(text: str) -> bytes:
    """A real one-page PDF saying ``text``."""
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, text)
    document.showPage()
    document.save()
    return buffer.getvalue()


def mail_with_subject(live_site, subject: str, seconds: float = 15):
    """The one e-mail to the applicant with this subject, once it has arrived."""
    deadline = time.monotonic() + seconds
    while True:
        found = [m for m in live_site.mailbox.wait_for(to=EMAIL) if m["Subject"] == subject]
        if found or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert len(found) == 1, f"{len(found)} e-mail(s) with the subject {subject!r}"
    return found[0]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def upload(page, document: str, name: str, data: bytes) -> None:
    page.get_by_label("Document").select_option(label=document)
    page.get_by_label("File").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": data}
    )
    page.get_by_role("button", name="Upload").click()


def documents_listed(page):
    return page.locator("main ul.documents li")


def open_the_call(page, live_site) -> None:
    """From the catalogue, filtered to what is open, to the programme's call."""
    page.goto(live_site.page_url("mobility.ProgrammeIndexPage", "en"))
    page.get_by_label("Open for applications").check()
    page.get_by_role("button", name="Show").click()
    apply_from_the_catalogue(page)


def apply_from_the_catalogue(page) -> None:
    expect(page.get_by_label("Open for applications")).to_be_checked()
    # The winter school's call has closed: the filter leaves it out.
    expect(page.get_by_role("link", name="Winter School at Beihang University")).to_have_count(0)
    page.get_by_role("link", name=PROGRAMME).click()
    expect(page.locator("main h1")).to_have_text(PROGRAMME)
    page.get_by_role("button", name="Apply now").click()


def sign_up_and_confirm(page, live_site) -> None:
    """The apply button asks a visitor to sign in; they create an account instead and
    confirm their address from the e-mail, which signs them in and brings them back to the
    call they wanted to apply for."""
    expect(page.locator("main h1")).to_have_text("Sign in")
    page.get_by_role("link", name="Create one").click()
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(re.compile(r"^Password\W*$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    expect(page.locator("main h1")).to_have_text("Confirm your e-mail address")

    verification = live_site.mailbox.wait_for(to=EMAIL)[0]
    open_link_from(page, live_site, verification, "/accounts/confirm-email/")
    expect(page.locator("main")).to_contain_text(f"Please confirm that {EMAIL} is your e-mail")
    page.get_by_role("button", name="Confirm").click()

    expect(page.locator("main h1")).to_have_text(f"Apply for {CALL}")
    page.get_by_role("button", name="Start my application").click()


def apply_with_documents(page, live_site) -> str:
    """Fill in the draft, upload the documents (one bad file first), try to submit too
    early, then submit. Returns the address of the submitted application."""
    expect(page.locator("main h1")).to_have_text(re.compile(r"^Your application for "))
    call_title = page.locator("main h1").inner_text().removeprefix("Your application for ")
    requested = page.get_by_label("Document").locator("option").all_inner_texts()
    assert requested == ["CV", "Motivation letter"]

    # A text file renamed .pdf is refused next to the field, and nothing is stored.
    upload(page, "CV", "cv.pdf", b"Li Hua, born 2003, studies mechanical engineering.\n")
    expect(page.locator("#id_file-error")).to_have_text(
        "Only PDF, JPEG and PNG files are accepted; this file is none of them."
    )
    expect(documents_listed(page)).to_have_count(0)

    upload(page, "CV", "cv-li-hua.pdf", small_pdf("Curriculum vitae of Li Hua"))
    expect(page.locator("main .messages, .messages")).to_contain_text(
        "The document has been uploaded."
    )
    expect(documents_listed(page)).to_have_count(1)
    expect(documents_listed(page).first).to_contain_text("CV: cv-li-hua.pdf")

    page.get_by_label("First name").fill("Hua")
    page.get_by_label("Last name").fill("Li")
    page.get_by_label("Degree programme").fill("Mechanical engineering")
    page.get_by_label("Motivation").fill("I want to learn how Chengdu researches batteries.")
    page.get_by_label("What do you know of the Chinese language?").fill("HSK 3, two years.")

    # Submitting without the motivation letter says what is missing and submits nothing.
    page.get_by_role("button", name="Save and submit").click()
    expect(page.locator(".messages")).to_contain_text(
        "Please complete the application first. Missing: Motivation letter."
    )
    expect(page.locator("main .status")).to_have_text("Draft")
    expect(page.get_by_label("Last name")).to_have_value("Li")

    upload(page, "Motivation letter", "motivation.pdf", small_pdf("Why Li Hua wants to go"))
    expect(documents_listed(page)).to_have_count(2)
    page.get_by_role("button", name="Save and submit").click()

    expect(page.locator(".messages")).to_contain_text("Your application has been submitted.")
    expect(page.locator("main h1")).to_have_text(f"Application for {call_title}")
    expect(page.locator("main .status")).to_have_text("Submitted")
    expect(documents_listed(page)).to_have_text(
        ["CV: cv-li-hua.pdf", "Motivation letter: motivation.pdf"]
    )
    submitted = mail_with_subject(live_site, f"Your application for {call_title}: Submitted")
    assert "we have received your application" in live_site.mailbox.text(submitted)
    return page.url


def open_in_back_office(staff, call_title: str, email: str, *, expected: str) -> None:
    """From the admin menu to the call's applications, then to the applicant's (whose row
    shows ``expected``)."""
    staff.get_by_role("link", name="Bewerbungen", exact=True).click()
    staff.get_by_role("link", name=call_title, exact=True).click()
    row = staff.locator("table.listing tbody tr", has_text=email)
    expect(row).to_contain_text(expected)
    row.get_by_role("link", name="Hua Li").click()


def select_and_offer(staff_page, call_title: str) -> None:
    """The coordinator (German back office) opens the new application, reads the CV,
    takes it through review and the shortlist, and offers a place."""
    staff = staff_page
    open_in_back_office(staff, call_title, EMAIL, expected="Eingereicht")

    expect(staff.locator("main")).to_contain_text("Mechanical engineering")
    expect(staff.locator("main")).to_contain_text("HSK 3, two years.")
    with staff.expect_download() as download:
        staff.get_by_role("link", name="Lebenslauf: cv-li-hua.pdf").click()
    assert "Curriculum vitae of Li Hua" in pdf_text(download.value.path().read_bytes())
    staff.get_by_role("button", name="Alle Unterlagen als ein PDF vorbereiten").click()
    with staff.expect_download() as download:
        staff.get_by_role("link", name="PDF herunterladen").click()
    bundle = pdf_text(download.value.path().read_bytes())
    assert "Curriculum vitae of Li Hua" in bundle
    assert "Why Li Hua wants to go" in bundle

    for status, note in (
        ("In Begutachtung", ""),
        ("Engere Auswahl", ""),
        ("Platz angeboten", "Welcome to Chengdu! Please answer within two weeks."),
    ):
        staff.get_by_label("Neuer Status").select_option(label=status)
        staff.get_by_label("Nachricht an die Bewerberin oder den Bewerber").fill(note)
        staff.get_by_role("button", name="Status ändern").click()
        expect(staff.locator(".messages")).to_contain_text("Der Status wurde geändert.")
        expect(staff.locator("main p", has_text="Status:").first).to_contain_text(status)


def test_apply_with_a_document_and_get_a_place(page, staff_page, live_site):
    open_the_call(page, live_site)
    sign_up_and_confirm(page, live_site)
    application_url = apply_with_documents(page, live_site)
    call_title = page.locator("main h1").inner_text().removeprefix("Application for ")

    select_and_offer(staff_page, call_title)

    for status in ("Under review", "Shortlisted"):
        mail_with_subject(live_site, f"Your application for {call_title}: {status}")
    offer = mail_with_subject(live_site, f"Your application for {call_title}: Offered a place")
    assert "Welcome to Chengdu!" in live_site.mailbox.text(offer)
    open_link_from(page, live_site, offer, "/applications/")
    assert page.url == application_url
    expect(page.locator("main .status")).to_have_text("Offered a place")
    page.get_by_role("button", name="Accept the place").click()

    expect(page.locator(".messages")).to_contain_text("You have accepted the place.")
    expect(page.locator("main .status")).to_have_text("Accepted")
    expect(page.get_by_role("button", name="Accept the place")).to_have_count(0)
    accepted = mail_with_subject(live_site, f"Your application for {call_title}: Accepted")
    assert "You have accepted your place." in live_site.mailbox.text(accepted)

    staff_page.reload()
    expect(staff_page.locator("main p", has_text="Status:").first).to_contain_text("Angenommen")
