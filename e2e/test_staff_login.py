"""Staff sign in to the back office; the admin loads only from the site's own host."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.journey


def test_staff_reach_the_dashboard(staff_page):
    expect(staff_page).to_have_url(re.compile(r"/admin/$"))
    expect(staff_page.locator("main h1")).to_be_visible()
    staff_page.goto("/admin/pages/")
    expect(staff_page.locator("main")).to_contain_text("Root")
