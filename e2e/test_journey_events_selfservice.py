"""A participant of the China Week changes sessions through the personal link of the
confirmation; at the door a coordinator with a phone checks them in with the code read
from the QR image of the e-mail by a real decoder (zbar). Afterwards the coordinator
issues the certificates of attendance: the participant opens theirs (text read with
pdftotext, Chinese name included), checks its code on the public page and answers the
survey."""

import re
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from e2e.conftest import ARTIFACTS, PROJECT
from e2e.test_journey_advising import open_link_from
from e2e.test_journey_events import fill_required_fields
from e2e.test_journey_events_staff import open_registrations

pytestmark = pytest.mark.journey

PHONE = {"width": 390, "height": 844}


def open_the_china_week(page, live_site) -> bool:
    index = live_site.page_url("events.EventIndexPage", "en")
    if index is None:
        return False
    page.goto(index)
    link = page.get_by_role("link", name="China Week 2026")
    if not link.count():
        return False
    link.first.click()
    register = page.locator("main a.button", has_text="Register")
    if not register.count():
        return False
    register.first.click()
    return True


def decode_qr(png: bytes, tmp_path) -> str:
    image = tmp_path / "check-in.png"
    image.write_bytes(png)
    zbarimg = shutil.which("zbarimg")
    result = subprocess.run(  # noqa: S603 - a fixed local program on a file we wrote
        [zbarimg, "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def attachment(message, filename) -> bytes:
    for part in message.iter_attachments():
        if part.get_filename() == filename:
            return part.get_content()
    raise AssertionError(f"no attachment {filename}")


def test_change_sessions_and_check_in_with_the_qr_code(page, staff_page, live_site, tmp_path):
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg (apt zbar-tools) is not installed")
    if not open_the_china_week(page, live_site):
        pytest.skip("the demo has no China Week open for registration")
    german_page = urlsplit(
        page.locator("link[rel=alternate][hreflang=de]").get_attribute("href")
    ).path
    name, email = "刘洋 (Liu Yang)", "selfservice-journey@example.org"
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your e-mail address").fill(email)
    fill_required_fields(page)  # online, the first session
    page.locator("main form.form button[type=submit]").click()
    open_link_from(
        page, live_site, live_site.mailbox.wait_for(to=email)[0], "/event-registration/confirm/"
    )
    page.get_by_role("button", name="Confirm my registration").click()
    expect(page.locator("main [role=status]")).to_contain_text("is confirmed")

    # The personal link of the confirmation: move from the first to the second session.
    confirmed = live_site.mailbox.wait_for(to=email, count=2)[1]
    open_link_from(page, live_site, confirmed, "/event-registration/manage/")
    expect(page.locator("main h1")).to_have_text("Your registration")
    sessions = page.locator("main input[type=checkbox][name=sessions]")
    sessions.nth(0).uncheck()
    sessions.nth(1).check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".messages")).to_contain_text("Your changes are saved.")
    chosen = page.locator("main dl.registration-summary ul li")
    expect(chosen).to_have_count(1)
    expect(chosen.first).to_contain_text("clean energy")
    page.screenshot(path=ARTIFACTS / "selfservice-manage.png", full_page=True)

    changed = live_site.mailbox.wait_for(to=email, count=3)[2]
    assert changed["Subject"] == "Your registration is changed: China Week 2026"
    code = decode_qr(attachment(changed, "check-in.png"), tmp_path)
    assert f"(the attached QR code): {code}" in live_site.mailbox.text(changed)

    # At the door, on a phone: the check-in page of the second session.
    open_registrations(staff_page, german_page)
    staff_page.get_by_role("link", name="Programmpunkte und Check-in").click()
    staff_page.set_viewport_size(PHONE)
    staff_page.get_by_role("row").filter(has_text="Saubere Energie").get_by_role(
        "link", name="Check-in"
    ).click()
    staff_page.get_by_label("Code aus der Bestätigung").fill(code)
    staff_page.locator("#check-in-form button[type=submit]").click()
    expect(staff_page.locator("#check-in-result")).to_contain_text("Gültig: eingecheckt")
    expect(staff_page.locator("#check-in-result")).to_contain_text(name)
    staff_page.screenshot(path=ARTIFACTS / "selfservice-check-in-phone.png", full_page=True)
    width = staff_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width

    staff_page.get_by_label("Code aus der Bestätigung").fill(code)
    staff_page.locator("#check-in-form button[type=submit]").click()
    expect(staff_page.locator("#check-in-result")).to_contain_text("Bereits eingecheckt")

    # The first session, which the participant left, refuses the code.
    staff_page.get_by_label("Programmpunkt").select_option(index=1)
    staff_page.get_by_label("Code aus der Bestätigung").fill(code)
    staff_page.locator("#check-in-form button[type=submit]").click()
    expect(staff_page.locator("#check-in-result")).to_contain_text("Falscher Programmpunkt")

    # After the event: the coordinator issues the certificates of those checked in.
    staff_page.set_viewport_size({"width": 1280, "height": 900})
    open_registrations(staff_page, german_page)
    staff_page.get_by_role(
        "button", name="Teilnahmebescheinigungen an alle Eingecheckten ausstellen"
    ).click()
    expect(staff_page.locator(".messages")).to_contain_text("ausgestellt")
    mail = live_site.mailbox.wait_for(to=email, count=4)[3]
    assert mail["Subject"] == "Your certificate of attendance: China Week 2026"
    (link,) = [link for link in live_site.mailbox.links(mail) if link.endswith("/certificate.pdf")]
    response = page.request.get(urlsplit(link).path)
    assert response.headers["content-type"] == "application/pdf"
    (ARTIFACTS / "selfservice-certificate.pdf").write_bytes(response.body())
    text = pdf_text(response.body())
    assert name in text
    assert "Certificate of attendance" in text
    assert "China Week 2026" in text
    # The code is printed on its own and in the address of the check.
    (code,) = set(re.findall(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", text))
    page.goto(f"/en/verify/{code}/")
    expect(page.locator("main")).to_contain_text("Valid")
    expect(page.locator("main")).to_contain_text(name)

    # The survey: switched on for the event, its link e-mailed as the daily job does the
    # day after the end (the demo's China Week lies ahead, so the job is not waited for).
    send_survey_link(live_site, email)
    survey = live_site.mailbox.wait_for(to=email, count=5)[4]
    assert survey["Subject"] == "How was it? A short survey: China Week 2026"
    open_link_from(page, live_site, survey, "/event-registration/survey/")
    page.get_by_label("5", exact=True).check()
    page.get_by_label("Comment (optional)").fill("非常好, very well organised.")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator("main [role=status]")).to_contain_text("Thank you for your answer!")
    page.reload()
    expect(page.locator("main [role=status]")).to_contain_text("already answered")
    staff_page.goto(german_page)
    open_registrations(staff_page, german_page)
    staff_page.get_by_role("link", name="Ergebnisse der Umfrage").click()
    expect(staff_page.locator("#survey-count")).to_have_text("1")
    expect(staff_page.locator("main")).to_contain_text("非常好, very well organised.")


def pdf_text(content: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - a fixed local program reading stdin
        [shutil.which("pdftotext"), "-layout", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


def send_survey_link(live_site, email: str) -> None:
    script = (
        "from qiao.events import tasks\n"
        "from qiao.events.models import EventPage, Registration\n"
        f"registration = Registration.objects.get(email={email!r})\n"
        "EventPage.objects.filter(pk=registration.event_id).update(survey_enabled=True)\n"
        "tasks.send_survey_invitation.call(registration.pk)\n"
    )
    subprocess.run(  # noqa: S603 - the project's own manage.py
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=PROJECT,
        env=live_site.env,
        check=True,
        capture_output=True,
    )
