"""The coordinator's side of an event: participants register and confirm on the public site;
the coordinator finds them in the back office, exports the list, checks one in and cancels
one from the waitlist."""

import csv
import io
import re
from urllib.parse import urlsplit

import openpyxl
import pytest
from playwright.sync_api import expect

from e2e.test_journey_advising import open_link_from
from e2e.test_journey_events import fill_required_fields, open_an_event_with_registration

pytestmark = pytest.mark.journey

EXPORT_HEADER = [
    "Name",
    "E-Mail",
    "Zugehörigkeit",
    "Einrichtung",
    "Teilnahme",
    "Status",
    "Sprache",
    "Programmpunkte",
    "Angemeldet",
    "Bestätigt",
    "Eingecheckt",
    "Begleitpersonen",
]


def register_and_confirm(page, live_site, *, name, email, mode=None) -> str:
    """A participant registers for the first open event (in English) and confirms from the
    e-mail. Returns the address of the event's German page, which staff know it by."""
    if not open_an_event_with_registration(page, live_site):
        pytest.skip("the demo has no event open for registration")
    german_page = page.locator("link[rel=alternate][hreflang=de]").get_attribute("href")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your e-mail address").fill(email)
    fill_required_fields(page)
    if mode is not None:
        page.get_by_label(mode, exact=True).check()
    page.locator("main form.form button[type=submit]").click()
    expect(page.locator("main h1")).to_have_text("Please check your e-mail")
    open_link_from(
        page, live_site, live_site.mailbox.wait_for(to=email)[0], "/event-registration/confirm/"
    )
    page.get_by_role("button", name="Confirm my registration").click()
    return urlsplit(german_page).path


def open_registrations(staff_page, german_page):
    """The coordinator looks the event up on the public site, then opens its registrations
    from the back office's menu."""
    staff_page.goto(german_page)
    title = staff_page.locator("main h1").inner_text()
    staff_page.goto("/admin/")
    staff_page.get_by_role("button", name="Veranstaltungen").click()
    staff_page.get_by_role("link", name="Anmeldungen", exact=True).click()
    expect(staff_page.locator("main h1")).to_have_text("Veranstaltungsanmeldungen")
    staff_page.get_by_role("link", name=title, exact=True).click()
    expect(staff_page.locator("main h1")).to_have_text(title)


def registration_row(staff_page, email):
    return staff_page.locator("main table.listing tbody tr").filter(has_text=email)


def cells(row) -> list[str]:
    """The texts of a table row's cells, once the row is on the page."""
    expect(row).to_have_count(1)
    return [text.strip() for text in row.locator("td").all_inner_texts()]


WAITLIST_PLACE = re.compile(r"Auf der Warteliste \(Nr\. \d+\)")


def download(staff_page, link_name, tmp_path):
    with staff_page.expect_download() as info:
        staff_page.get_by_role("link", name=link_name, exact=True).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_coordinator_exports_and_checks_in_a_participant(page, staff_page, live_site, tmp_path):
    name, email = "Chen Jing", "coordinator-journey@example.org"
    german_page = register_and_confirm(page, live_site, name=name, email=email)
    expect(page.locator("main [role=status]")).to_contain_text("is confirmed")

    open_registrations(staff_page, german_page)
    row = registration_row(staff_page, email)
    assert cells(row)[:5] == [name, email, "Studierende*r", "Online", "Bestätigt"]

    staff_page.get_by_label("Name oder E-Mail").fill(email)
    staff_page.get_by_role("button", name="Filtern").click()
    expect(staff_page.locator("main table.listing tbody tr")).to_have_count(1)

    spreadsheet = download(staff_page, "XLSX exportieren", tmp_path)
    assert spreadsheet.suffix == ".xlsx"
    rows = list(openpyxl.load_workbook(spreadsheet).active.values)
    assert list(rows[0]) == EXPORT_HEADER
    assert len(rows) == 2
    assert list(rows[1][:7]) == [
        name,
        email,
        "Studierende*r",
        None,
        "Online",
        "Bestätigt",
        "English",
    ]
    assert rows[1][10] is None  # not checked in yet
    assert rows[1][11] == 0  # came alone

    staff_page.get_by_role("button", name="Einchecken").click()
    expect(staff_page.locator(".messages")).to_contain_text(f"{name}: Teilgenommen")
    row = registration_row(staff_page, email)
    expect(row.locator("td").nth(4)).to_have_text("Teilgenommen")
    expect(row.get_by_role("button", name="Check-in zurücknehmen")).to_be_visible()

    table = download(staff_page, "CSV exportieren", tmp_path)
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0] == EXPORT_HEADER
    assert len(rows) == 2
    assert rows[1][:6] == [name, email, "Studierende*r", "", "Online", "Teilgenommen"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", rows[1][10]), rows[1][10]

    # The list printed for the door holds the people on site; this participant is online.
    staff_page.get_by_role("link", name="Check-in-Liste zum Drucken").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("Check-in-Liste")
    expect(staff_page.get_by_role("row").filter(has_text="Vor Ort").first).to_be_visible()
    expect(staff_page.get_by_role("row").filter(has_text=name)).to_have_count(0)


def test_coordinator_cancels_a_waitlisted_participant(page, staff_page, live_site):
    name, email = "Zhao Lei", "waitlist-journey@example.org"
    german_page = register_and_confirm(page, live_site, name=name, email=email, mode="On site")
    expect(page.locator("main [role=status]")).to_contain_text("you are on the waitlist")
    waitlisted = live_site.mailbox.wait_for(to=email, count=2)[1]
    assert waitlisted["Subject"].startswith("You are on the waitlist: ")

    open_registrations(staff_page, german_page)
    row = registration_row(staff_page, email)
    assert cells(row)[:4] == [name, email, "Studierende*r", "Vor Ort"]
    # Staff see the place on the waitlist.
    assert WAITLIST_PLACE.fullmatch(cells(row)[4])
    row.get_by_role("button", name="Bestätigen").click()
    expect(staff_page.locator(".messages")).to_contain_text(
        "Kein Platz ist frei. Stornieren Sie eine Anmeldung oder erhöhen Sie die Kapazität."
    )
    row = registration_row(staff_page, email)
    expect(row.locator("td").nth(4)).to_have_text(WAITLIST_PLACE)
    row.get_by_role("button", name="Stornieren").click()
    # The back office asks first, saying who loses the registration.
    expect(staff_page.locator("main")).to_contain_text(f"{name} ({email}) ist dann nicht mehr")
    staff_page.get_by_role("button", name="Ja, Anmeldung stornieren").click()

    expect(staff_page.locator(".messages")).to_contain_text(f"{name}: Storniert")
    expect(registration_row(staff_page, email).locator("td").nth(4)).to_have_text("Storniert")
    cancelled = live_site.mailbox.wait_for(to=email, count=3)[2]
    assert cancelled["Subject"].startswith("Your registration is cancelled: ")
    assert "is cancelled" in live_site.mailbox.text(cancelled)
