"""The review and the interview of an application: a student applies; the coordinator makes
themself a reviewer of the call and adds an interview time in the back office, scores the
application against the call's criteria from "My reviews" (a score outside the scale first),
sees the score in the ranking and invites the student to an interview; the student picks
the time and adds it to their calendar, and the coordinator sees the time booked."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import expect

from e2e import test_journey_mobility as journey
from e2e.test_journey_advising import open_link_from

pytestmark = pytest.mark.journey

BERLIN = ZoneInfo("Europe/Berlin")
# Another applicant than the first mobility journey's, so that each test stands alone.
EMAIL = "wang.fang.reviewed@example.org"
# The staff account of the demo (manage.py staff_login), as the reviewer list names it.
STAFF_USER = "Demo Admin <admin@example.org>"
ROOM = "Raum B 204 (Auswahlgespräche)"
CRITERIA = {"Motivation": "9", "Studienleistungen": "7", "Bezug zum Studienfach": "8"}


@pytest.fixture
def applicant_email(monkeypatch):
    """The first journey's helpers write to and read the mail of its module's ``EMAIL``."""
    monkeypatch.setattr(journey, "EMAIL", EMAIL)
    return EMAIL


def apply(page, live_site) -> tuple[str, str]:
    """Sign up, apply with the required PDFs and submit. Returns the call's title and the
    application's number."""
    journey.open_the_call(page, live_site)
    journey.sign_up_and_confirm(page, live_site)
    application_url = journey.apply_with_documents(page, live_site)
    call_title = page.locator("main h1").inner_text().removeprefix("Application for ")
    return call_title, re.search(r"/applications/(\d+)/$", application_url).group(1)


def add_reviewer_and_slot(staff, call_title: str, start: datetime) -> None:
    """The coordinator adds themself to the call's reviewers (keeping the demo reviewer)
    and an interview time, in the call's form in the back office."""
    staff.goto("/admin/")
    staff.get_by_role("link", name="Bewerbungen", exact=True).click()
    staff.get_by_role("link", name=f"{call_title} bearbeiten").click()

    # One checkbox per person: ticking one keeps the others ticked.
    me = staff.get_by_role("checkbox", name=STAFF_USER, exact=True)
    expect(me).not_to_be_checked()
    me.check()
    expect(
        staff.get_by_role("checkbox", name="Rainer Gutachter <reviewer@example.org>")
    ).to_be_checked()

    staff.get_by_role("button", name="Termin hinzufügen").click()
    start_field = staff.get_by_label(re.compile(r"^\s*Beginn\b"))
    start_field.fill(f"{start:%Y-%m-%d %H:%M}")
    # The date picker opens a moment after the field gets focus; close it once it is open,
    # or it covers the save button.
    picker = staff.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    start_field.press("Tab")
    expect(picker).to_have_count(0)
    staff.get_by_label("Dauer (Minuten)").fill("30")
    staff.get_by_label("Ort oder Videolink").fill(ROOM)
    staff.get_by_role("button", name="Speichern").click()
    expect(staff.locator(".messages")).to_contain_text(f"Ausschreibung '{call_title}' geändert.")


def review_row(staff, number: str):
    """The ranking's row of this application (the first journey's applicant, if it has
    run, has the same name)."""
    link = staff.locator(f'a[href$="/applications/review/{number}/"]')
    return staff.locator("main tbody tr").filter(has=link)


def fill_review(staff, scores: dict[str, str]) -> None:
    for criterion, score in scores.items():
        staff.get_by_label(f"{criterion} (0–10)").fill(score)
    staff.get_by_label("Kommentar").fill("Klare Motivation.")
    staff.get_by_role("button", name="Gutachten speichern").click()


def score_from_my_reviews(staff, call_title: str, number: str) -> None:
    """From the back office to the review pages; a score above the scale is refused next
    to its field and saves nothing; then each criterion is scored and the mean ranks it."""
    staff.goto("/admin/")
    staff.get_by_role("link", name="Meine Begutachtungen").click()
    expect(staff.locator("main h1")).to_have_text("Zu begutachtende Ausschreibungen")
    staff.get_by_role("link", name=call_title, exact=True).click()
    expect(staff.locator("main h1")).to_have_text(f"Rangliste: {call_title}")
    expect(review_row(staff, number)).to_contain_text("–")
    review_row(staff, number).get_by_role("link").click()
    expect(staff.locator("main h1")).to_have_text("Gutachten zu Hua Li")

    fill_review(staff, {**CRITERIA, "Motivation": "11"})
    expect(staff.locator("#id_criterion_0-error")).to_have_text(
        "Dieser Wert muss kleiner oder gleich 10 sein."
    )
    expect(staff.get_by_label("Motivation (0–10)")).to_have_attribute(
        "aria-describedby", re.compile("id_criterion_0-error")
    )
    staff.get_by_role("link", name="Zurück zur Rangliste").click()
    expect(review_row(staff, number)).to_contain_text("–")
    review_row(staff, number).get_by_role("link").click()
    expect(staff.get_by_label("Motivation (0–10)")).to_have_value("")

    fill_review(staff, CRITERIA)
    expect(staff.locator(".messages")).to_contain_text("Ihr Gutachten wurde gespeichert.")
    expect(staff.locator("main h1")).to_have_text(f"Rangliste: {call_title}")
    expect(review_row(staff, number)).to_contain_text("8,0")  # the mean of 9, 7 and 8


def invite_to_interview(staff, call_title: str) -> None:
    staff.goto("/admin/")
    journey.open_in_back_office(staff, call_title, EMAIL, expected="8,0")
    expect(staff.locator("main")).to_contain_text("Klare Motivation.")
    for status in ("In Begutachtung", "Engere Auswahl", "Gespräch"):
        staff.get_by_label("Neuer Status").select_option(label=status)
        staff.get_by_role("button", name="Status ändern").click()
        expect(staff.locator(".messages")).to_contain_text("Der Status wurde geändert.")
        expect(staff.locator("main p", has_text="Status:").first).to_contain_text(status)


def book_the_interview(page, live_site, call_title: str, start: datetime) -> None:
    """From the invitation e-mail the applicant books the time and downloads it."""
    invitation = journey.mail_with_subject(
        live_site, f"Your application for {call_title}: Interview"
    )
    assert "Please choose a time in your account." in live_site.mailbox.text(invitation)
    open_link_from(page, live_site, invitation, "/applications/")
    expect(page.locator("main .status")).to_have_text("Interview")
    page.get_by_role("link", name="Choose an interview time").click()
    page.get_by_label(re.compile(re.escape(ROOM))).check()
    page.get_by_role("button", name="Book this time").click()
    expect(page.locator(".messages")).to_contain_text("Your interview time has been booked.")
    booked = page.locator("main p", has_text=ROOM)
    expect(booked.locator("time")).to_have_attribute("datetime", start.isoformat())

    with page.expect_download() as download:
        booked.get_by_role("link", name="Add to calendar (.ics)").click()
    calendar = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == start
    assert event.decoded("dtend") == start + timedelta(minutes=30)
    assert str(event["location"]) == ROOM
    confirmation = journey.mail_with_subject(live_site, f"Your interview time for {call_title}")
    assert ROOM in live_site.mailbox.text(confirmation)


def test_review_score_and_interview(page, staff_page, live_site, applicant_email):
    call_title, number = apply(page, live_site)
    start = datetime.combine(
        datetime.now(BERLIN).date() + timedelta(days=20), time(10, 30), tzinfo=BERLIN
    )
    add_reviewer_and_slot(staff_page, call_title, start)
    score_from_my_reviews(staff_page, call_title, number)
    invite_to_interview(staff_page, call_title)
    book_the_interview(page, live_site, call_title, start)

    staff_page.reload()
    booked = staff_page.locator("main p", has_text=ROOM)
    expect(booked).to_contain_text("Gespräch")
    expect(booked.locator("time")).to_have_attribute("datetime", start.isoformat())
