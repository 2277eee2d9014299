"""A visitor registers for an event, confirms from the e-mail, and cancels from the next one."""

import pytest
from playwright.sync_api import expect

from e2e.test_journey_advising import open_link_from

pytestmark = pytest.mark.journey


def open_an_event_with_registration(page, live_site) -> bool:
    index = live_site.page_url("events.EventIndexPage", "en")
    if index is None:
        return False
    page.goto(index)
    links = page.locator("main .card-list a, main article a").evaluate_all(
        "links => [...new Set(links.map(a => a.getAttribute('href')))]"
    )
    for href in links:
        page.goto(href)
        register = page.locator("main a.button", has_text="Register")
        if register.count():
            register.first.click()
            return True
    return False


def fill_required_fields(page) -> None:
    form = page.locator("main form.form")
    for name in set(form.locator("input[type=radio]").evaluate_all("e => e.map(i => i.name)")):
        options = form.locator(f'input[type=radio][name="{name}"]')
        # Online participation (the last mode) has room in the demo; in person may be full.
        (options.last if name == "participation_mode" else options.first).check()
    for box in form.locator("input[type=checkbox][required]").all():
        box.check()
    sessions = form.locator("input[type=checkbox][name=sessions]")
    if sessions.count():
        sessions.first.check()
    for select in form.locator("select[required]").all():
        select.select_option(index=1)
    for field in form.locator("input[type=text][required], textarea[required]").all():
        if not field.input_value():
            field.fill("Test")


def test_register_confirm_and_cancel(page, live_site):
    if not open_an_event_with_registration(page, live_site):
        pytest.skip("the demo has no event open for registration")
    email = "participant-journey@example.org"
    page.get_by_label("Your name").fill("Wang Fang")
    page.get_by_label("Your e-mail address").fill(email)
    fill_required_fields(page)
    page.locator("main form.form button[type=submit]").click()

    expect(page.locator("main h1")).to_have_text("Please check your e-mail")
    confirm_mail = live_site.mailbox.wait_for(to=email)[0]
    open_link_from(page, live_site, confirm_mail, "/event-registration/confirm/")
    expect(page.locator("main h1")).to_have_text("Confirm your registration")
    page.get_by_role("button", name="Confirm my registration").click()
    expect(page.locator("main [role=status]")).to_contain_text("is confirmed")

    confirmed_mail = live_site.mailbox.wait_for(to=email, count=2)[1]
    open_link_from(page, live_site, confirmed_mail, "/event-registration/cancel/")
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.locator("main [role=status]")).to_contain_text("is cancelled")
