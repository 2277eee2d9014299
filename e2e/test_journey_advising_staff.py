"""The advisor's side of advising: an advisor adds a single appointment slot in the back
office; a visitor books exactly that time on the public site and confirms it; the advisor
finds the appointment in the day view, writes a note after the meeting and exports the day."""

import csv
import io
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import expect

from e2e.test_journey_advising import open_link_from
from e2e.test_journey_events_staff import cells, download

pytestmark = pytest.mark.journey

BERLIN = ZoneInfo("Europe/Berlin")
CHINA = ZoneInfo("Asia/Shanghai")
ROOM = "Raum 2.17"


def open_advising_menu(staff_page, item):
    staff_page.goto("/admin/")
    staff_page.get_by_role("button", name="Beratung").click()
    staff_page.get_by_role("link", name=item, exact=True).click()


def add_single_slot(staff_page, start: datetime) -> None:
    open_advising_menu(staff_page, "Einzeltermine")
    staff_page.get_by_role("link", name="Termin hinzufügen").click()
    staff_page.get_by_label("Beraterin/Berater").select_option(label="Anna Berger")
    staff_page.get_by_label("Thema").select_option(label="Visum und Aufenthalt")
    start_field = staff_page.get_by_label("Beginn (Berlin)")
    start_field.fill(f"{start:%Y-%m-%d %H:%M}")
    start_field.press("Tab")  # closes the date picker
    staff_page.get_by_label("Art des Termins").select_option(label="Vor Ort")
    staff_page.get_by_label("Raum").fill(ROOM)
    staff_page.get_by_role("button", name="Erstellen").click()
    expect(staff_page.locator(".messages")).to_contain_text(
        f"Termin 'Visum und Aufenthalt {start:%Y-%m-%d %H:%M} (Anna Berger)' erstellt."
    )


def test_advisor_adds_a_slot_and_records_the_appointment(page, staff_page, live_site, tmp_path):
    index = live_site.page_url("advising.AdvisingIndexPage", "en")
    if index is None:
        pytest.skip("the demo has no advising pages")
    day = datetime.now(BERLIN).date() + timedelta(days=9)
    start = datetime.combine(day, time(7, 15), tzinfo=BERLIN)
    name, email = "Sun Yue", "advisor-journey@example.org"
    question = "Can I apply for the visa in Germany?"
    note = "Apply in Germany; checklist sent."

    add_single_slot(staff_page, start)

    page.goto(index)
    # The topic's name is visually hidden in the link; Chromium reads a space before it.
    page.get_by_role(
        "link", name=re.compile(r"^Book an appointment\s?: Visa and residence$")
    ).click()
    offered = page.locator(".slot-list li").filter(has_text=ROOM)
    china = start.astimezone(CHINA)
    expect(offered).to_have_text(
        f"{start:%H:%M} Berlin time ({china:%H:%M} China time)"  # the same day in China
        f" Anna Berger · in person, {ROOM}"
    )
    offered.get_by_role("radio").check()
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your e-mail address").fill(email)
    page.locator("select[name=person_status]").select_option(label="Student")
    page.get_by_label("Your question in a few words").fill(question)
    page.locator("input[name=privacy]").check()
    page.get_by_role("button", name="Book appointment").click()
    open_link_from(
        page, live_site, live_site.mailbox.wait_for(to=email)[0], "/appointments/confirm/"
    )
    page.get_by_role("button", name="Confirm appointment").click()
    expect(page.locator(".messages")).to_contain_text("Your appointment is confirmed.")

    calendar = icalendar.Calendar.from_ical(
        download(page, "Add to calendar (.ics)", tmp_path).read_bytes()
    )
    [appointment] = calendar.walk("VEVENT")
    assert appointment.decoded("dtstart") == start
    assert appointment.decoded("dtend") == start + timedelta(minutes=30)
    assert str(appointment["location"]) == ROOM

    open_advising_menu(staff_page, "Termine")
    staff_page.get_by_label("Datum").fill(day.isoformat())
    staff_page.get_by_role("button", name="Anzeigen").click()
    row = staff_page.locator("main table.listing tbody tr").filter(has_text=name)
    assert cells(row) == [
        "07:15–07:45",
        "Visum und Aufenthalt",
        f"Anna Berger ({ROOM})",
        f"{name} Studierende/r",
        "Bestätigt",
        "",
    ]

    row.get_by_role("link", name=name).click()
    details = staff_page.locator("main dl")
    expect(details).to_contain_text(email)
    expect(details).to_contain_text(question)
    # The appointment lies ahead: no attendance yet, but the advisor can write a note.
    expect(staff_page.get_by_role("button", name="Als wahrgenommen markieren")).to_have_count(0)
    staff_page.get_by_label("Notiz nach dem Gespräch").fill(note)
    staff_page.get_by_role("button", name="Notiz speichern").click()
    expect(staff_page.locator(".messages")).to_contain_text("Notiz gespeichert.")

    staff_page.get_by_role("link", name="Zurück zum Tag").click()
    row = staff_page.locator("main table.listing tbody tr").filter(has_text=name)
    expect(row.locator("td").last).to_have_text(note)
    rows = list(
        csv.reader(
            io.StringIO(
                download(staff_page, "Diesen Zeitraum exportieren (CSV)", tmp_path).read_text(
                    encoding="utf-8-sig"
                )
            )
        )
    )
    assert rows[0][:4] == ["Beginn (Berlin)", "Thema", "Beraterin/Berater", "Name"]
    assert [cells for cells in rows if name in cells] == [
        [
            f"{day.isoformat()} 07:15",
            "Visum und Aufenthalt",
            "Anna Berger",
            name,
            email,
            "Studierende/r",
            "Bestätigt",
            question,
            note,
        ]
    ]
