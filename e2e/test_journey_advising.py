"""A visitor books an advising appointment, confirms it from the e-mail, and cancels it."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.journey


def open_link_from(page, live_site, message, fragment):
    """Opens the link of the e-mail that contains ``fragment``, on the test server."""
    links = [link for link in live_site.mailbox.links(message) if fragment in link]
    assert len(links) == 1, live_site.mailbox.text(message)
    parts = urlsplit(links[0])
    page.goto(parts.path + (f"?{parts.query}" if parts.query else ""))


def test_book_confirm_and_cancel_an_appointment(page, live_site):
    topic_url = live_site.page_url("advising.AdvisingTopicPage", "en")
    if topic_url is None:
        pytest.skip("the demo has no advising topic")
    email = "advisee-journey@example.org"
    page.goto(topic_url)
    page.get_by_role("link", name="Book an appointment").click()

    page.locator(".slot-picker input[type=radio]").first.check()
    page.get_by_label("Your name").fill("Li Ming")
    page.get_by_label("Your e-mail address").fill(email)
    page.locator("select[name=person_status]").select_option(index=1)
    page.get_by_label("Your question in a few words").fill("Which visa do I need?")
    page.locator("input[name=privacy]").check()
    page.get_by_role("button", name="Book appointment").click()

    expect(page.locator("main h1")).to_have_text("Please check your e-mail")
    request_mail = live_site.mailbox.wait_for(to=email)[0]
    open_link_from(page, live_site, request_mail, "/appointments/confirm/")
    expect(page.locator("main h1")).to_have_text("Confirm your appointment")
    page.get_by_role("button", name="Confirm appointment").click()

    expect(page.locator(".messages")).to_contain_text(
        "Your appointment is confirmed. We have sent you an e-mail."
    )
    assert len(live_site.mailbox.wait_for(to=email, count=2)) == 2
    page.get_by_role("button", name="Cancel appointment").click()

    expect(page.locator(".messages")).to_contain_text("Your appointment is cancelled.")
    expect(page.get_by_role("button", name="Cancel appointment")).to_have_count(0)
