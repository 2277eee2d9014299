"""Eligibility, offers with a reply-by date, letters, experience reports and funding:

- a lecturer applies for a call with rules, is told which rules the application misses,
  corrects it and submits;
- a student with a Chinese name applies for the rolling summer school; the coordinator
  sees on a confirmation page who gets a place before anything is sent; the student accepts
  before the reply-by date, downloads the offer letter (its text extracted, the Chinese name
  included), writes an experience report, and the coordinator publishes it on the
  programme's page;
- in the funded winter school, the periodic jobs run some days later: a reminder before
  the reply-by date, then the unanswered offers expire and the waiting list moves up; the
  coordinator offers a grant to one who moved up and sees the committed budget in euros
  written the German way.
"""

import re
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from e2e import test_journey_mobility as journey
from e2e.conftest import PROJECT
from e2e.test_journey_advising import open_link_from

pytestmark = pytest.mark.journey

PDFTOTEXT = shutil.which("pdftotext")


def sign_up_for(page, live_site, monkeypatch, *, email: str, programme: str, call: str) -> None:
    """From the catalogue (English) to the programme, "Apply now", a new account confirmed
    by e-mail, then the draft application."""
    monkeypatch.setattr(journey, "EMAIL", email)
    monkeypatch.setattr(journey, "CALL", call)
    page.goto(live_site.page_url("mobility.ProgrammeIndexPage", "en"))
    page.get_by_role("link", name=programme).click()
    expect(page.locator("main h1")).to_have_text(programme)
    page.get_by_role("button", name="Apply now").click()
    journey.sign_up_and_confirm(page, live_site)
    expect(page.locator("main h1")).to_have_text(f"Your application for {call}")


def upload_pdfs(page, documents: dict[str, str]) -> None:
    for document, text in documents.items():
        name = document.lower().replace(" ", "-") + ".pdf"
        journey.upload(page, document, name, journey.small_pdf(text))
        expect(page.locator("main ul.documents li", has_text=name)).to_have_count(1)


def test_an_applicant_who_fails_a_rule_sees_why(page, live_site, monkeypatch):
    sign_up_for(
        page,
        live_site,
        monkeypatch,
        email="chen.jing.lecturer@example.org",
        programme="Further training for KUST lecturers",
        call="Lecturer training 2027",
    )
    upload_pdfs(page, {"CV": "CV of Chen Jing", "Passport copy": "Passport of Chen Jing"})
    page.get_by_label("First name").fill("Jing")
    page.get_by_label("Last name").fill("Chen")
    page.get_by_label("Degree programme").fill("Materials science (lecturer)")
    page.get_by_label("Motivation").fill("I teach welding and want to see German labs.")
    page.get_by_label("Your language level").select_option(label="CEFR B1")
    expect(page.locator("main")).to_contain_text(
        "The answers under “Your details” are checked against the rules of this call"
    )

    page.get_by_role("button", name="Save and submit").click()

    # One message per rule not met; nothing is submitted and the answers stay.
    expect(page.locator(".messages .message-error")).to_have_text(
        [
            "This call asks for language level CEFR B2 or higher; you gave CEFR B1.",
            "Please confirm that you meet the other requirements of this call.",
        ]
    )
    expect(page.locator("main .status")).to_have_text("Draft")
    expect(page.get_by_label("Your language level")).to_have_value("b1")
    expect(page.locator(".notice-eligibility li")).to_have_count(2)
    expect(page.get_by_label("Your language level")).to_have_value("b1")

    page.get_by_label("Your language level").select_option(label="CEFR C1")
    page.get_by_label(re.compile(r"^I meet these requirements: ")).check()
    page.get_by_role("button", name="Save and submit").click()

    expect(page.locator(".messages")).to_contain_text("Your application has been submitted.")
    expect(page.locator("main .status")).to_have_text("Submitted")


def pdf_text(path) -> str:
    return subprocess.run(  # noqa: S603 - a fixed program on our own download
        [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(PDFTOTEXT is None, reason="needs poppler-utils")
def test_offer_accept_letter_and_a_published_report(page, staff_page, live_site, monkeypatch):
    email = "li.xiaolong.summer@example.org"
    call = "Summer School 2027"
    programme = "Summer School at Sichuan University"
    sign_up_for(page, live_site, monkeypatch, email=email, programme=programme, call=call)
    upload_pdfs(page, {"CV": "CV of Li Xiaolong", "Motivation letter": "Why Chengdu"})
    page.get_by_label("First name").fill("小龙")
    page.get_by_label("Last name").fill("李")
    page.get_by_label("Degree programme").fill("Electrical engineering")
    page.get_by_label("Motivation").fill("Battery research in Chengdu.")
    page.get_by_label("What do you know of the Chinese language?").fill("My first language.")
    page.get_by_role("button", name="Save and submit").click()
    expect(page.locator("main .status")).to_have_text("Submitted")
    application_url = page.url

    # The coordinator shortlists the application, then offers places from the ranking:
    # the confirmation page names who gets what before anything is sent.
    staff = staff_page
    staff.get_by_role("link", name="Bewerbungen", exact=True).click()
    staff.get_by_role("link", name=call, exact=True).click()
    staff.locator("table.listing tbody tr", has_text=email).get_by_role(
        "link", name="李小龙"
    ).click()
    for status in ("In Begutachtung", "Engere Auswahl"):
        staff.get_by_label("Neuer Status").select_option(label=status)
        staff.get_by_role("button", name="Status ändern").click()
        expect(staff.locator(".messages")).to_contain_text("Der Status wurde geändert.")
    staff.get_by_role("link", name="Bewerbungen", exact=True).click()
    staff.get_by_role("link", name=call, exact=True).click()
    staff.get_by_role(
        "link", name="Plätze nach Rangfolge anbieten, die übrigen auf die Warteliste"
    ).click()
    offers = staff.locator("main table").first
    expect(offers.locator("tbody tr", has_text=email)).to_contain_text("李小龙")
    # Nothing has been sent yet: the last e-mail is still the shortlist's.
    assert live_site.mailbox.wait_for(to=email)[-1]["Subject"].endswith("Shortlisted")
    staff.get_by_role(
        "button", name="Bestätigen: Angebote und Wartelisten-E-Mails versenden"
    ).click()
    expect(staff.locator(".messages")).to_contain_text("angeboten")

    offer = journey.mail_with_subject(live_site, f"Your application for {call}: Offered a place")
    assert "Please reply by" in live_site.mailbox.text(offer)
    open_link_from(page, live_site, offer, "/applications/")
    assert page.url == application_url
    expect(page.locator("main .reply-by")).to_contain_text("Please reply by")
    expect(page.locator("main .reply-by")).to_contain_text("China")
    page.get_by_role("button", name="Accept the place").click()
    expect(page.locator("main .status")).to_have_text("Accepted")

    with page.expect_download() as download:
        page.get_by_role("link", name="Offer letter (PDF)").click()
    letter = pdf_text(download.value.path())
    assert "李小龙" in letter
    assert programme in letter or call in letter

    # The experience report, written in the account, published by the coordinator.
    page.get_by_role("link", name="Your experience report").click()
    page.get_by_label(re.compile(r"^Title\b")).fill("Batteries, hotpot and a lab that never sleeps")
    page.get_by_label(re.compile(r"^Report\b")).fill(
        "Bring a warm jacket for the lab: the air conditioning wins."
    )
    page.get_by_label("Language written in").select_option(label="English")
    page.get_by_label("Show my name with the report").check()
    page.get_by_role("button", name="Submit for publication").click()
    expect(page.locator(".messages")).to_contain_text("Your report has been submitted for review.")

    staff.goto("/admin/mobility/reports/")
    waiting = staff.locator("section.report-review", has_text="Batteries, hotpot")
    expect(waiting).to_contain_text("李小龙")
    waiting.get_by_role("button", name="Veröffentlichen").click()
    expect(staff.locator(".messages")).to_contain_text("veröffentlicht")

    page.goto(live_site.page_url("mobility.ProgrammeIndexPage", "en"))
    page.get_by_role("link", name=programme).click()
    report = page.locator("article.participant-report", has_text="Batteries, hotpot")
    expect(report).to_have_attribute("lang", "en")
    expect(report).to_contain_text("the air conditioning wins")
    expect(report).to_contain_text("李小龙")


JOB = """
import datetime, sys, django, time_machine
django.setup()
from django.core.management import call_command
later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=float(sys.argv[2]))
with time_machine.travel(later, tick=True):
    call_command(sys.argv[1])
"""


def run_job(live_site, command: str, days_later: float) -> str:
    """A periodic job as it runs ``days_later`` days from now (time_machine in the job's
    own process; the server keeps the real time)."""
    return subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", JOB, command, str(days_later)],
        cwd=PROJECT,
        env=live_site.env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def euros(text: str) -> Decimal:
    """An amount as the German back office writes it: 14.900,00 €."""
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{2} €", text), text
    return Decimal(text.removesuffix(" €").replace(".", "").replace(",", "."))


def rows_with_status(staff, status: str):
    return staff.locator("table.listing tbody tr").filter(
        has=staff.locator("td", has_text=re.compile(rf"^\s*{status}( \(\d+\))?\s*$"))
    )


def test_an_expired_offer_moves_the_waiting_list_and_a_grant_is_committed(staff_page, live_site):
    staff = staff_page
    call = "Winter School 2026"
    staff.get_by_role("link", name="Bewerbungen", exact=True).click()
    staff.get_by_role("link", name=call, exact=True).click()
    # The partner raised the quota from 10 to 14 places: all are offered or accepted.
    expect(staff.locator("main")).to_contain_text("14 Plätze, 0 noch nicht vergeben")
    expect(rows_with_status(staff, "Angenommen")).to_have_count(9)
    offered = [
        re.search(r"[\w.+-]+@example\.org", row).group(0)
        for row in rows_with_status(staff, "Platz angeboten").all_inner_texts()
    ]
    waiting = [
        re.search(r"[\w.+-]+@example\.org", row).group(0)
        for row in rows_with_status(staff, "Warteliste").all_inner_texts()
    ]
    assert (len(offered), len(waiting)) == (5, 3)

    # The demo's offers: one made at the deadline with ten days to reply, four when the
    # partner raised the quota, with the call's fourteen days. A reminder goes out three
    # days before each reply-by date; once past it, the offers expire.
    assert run_job(live_site, "send_offer_reminders", 9).strip() == "1 offer reminders sent."
    assert run_job(live_site, "send_offer_reminders", 12).strip() == "4 offer reminders sent."
    assert run_job(live_site, "expire_offers", 15).strip() == "5 offers expired."
    reminder = re.compile(r"^(Erinnerung: Bitte antworten|Reminder: please reply|提醒：请答复)")
    expired = re.compile(r"(Angebot verfallen|Offer expired|录取通知已失效)$")
    for address in offered:
        subjects = [m["Subject"].strip() for m in live_site.mailbox.wait_for(to=address, count=2)]
        assert [bool(reminder.search(s)) for s in subjects[-2:]] == [True, False], subjects
        assert expired.search(subjects[-1]), subjects

    staff.reload()
    expect(rows_with_status(staff, "Angebot verfallen")).to_have_count(5)
    expect(rows_with_status(staff, "Warteliste")).to_have_count(0)
    promoted = [
        re.search(r"[\w.+-]+@example\.org", row).group(0)
        for row in rows_with_status(staff, "Platz angeboten").all_inner_texts()
    ]
    assert sorted(promoted) == sorted(waiting)
    for address in promoted:
        assert live_site.mailbox.wait_for(to=address)

    staff.get_by_role("link", name="Förderung").click()
    expect(staff.locator('[data-total="budget"]')).to_have_text("16.000,00 €")
    committed = euros(staff.locator('[data-total="committed"]').inner_text())
    row = staff.locator("table.listing tbody tr").filter(
        has=staff.get_by_role("button", name="Zuschuss anbieten")
    )
    expect(row).to_have_count(3)  # the three who moved up
    row.first.get_by_role("button", name="Zuschuss anbieten").click()
    expect(staff.locator(".messages")).to_contain_text("Der Zuschuss wurde angeboten.")
    after = euros(staff.locator('[data-total="committed"]').inner_text())
    left = euros(staff.locator('[data-total="left"]').inner_text())
    assert (after - committed, after + left) == (Decimal("1490.00"), Decimal("16000.00"))
    expect(staff.locator("table.listing tbody")).to_contain_text("Angeboten: 1.490,00 €")
