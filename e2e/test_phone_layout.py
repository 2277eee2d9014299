"""Every public page type on a 390 px phone: nothing scrolls sideways, the menu starts
collapsed and opens without JavaScript; and the way from the home page to the programmes
and open calls, in every language."""

import pytest
from playwright.sync_api import expect

from e2e.conftest import ARTIFACTS, _open_page
from e2e.targets import LANGUAGES, TARGETS, resolve, unlisted_page_types

PHONE = {"width": 390, "height": 844}
CASES = [
    (name, language)
    for name in TARGETS
    for language in LANGUAGES
    if (name, language) != ("not-translated", "de")
]
IDS = [f"{name}-{language}" for name, language in CASES]
PAGE_WIDTH = "document.documentElement.scrollWidth"


@pytest.fixture(scope="module")
def phone(browser, live_site):
    """One phone-sized tab with JavaScript off: the layout must not need it."""
    context, tab, log = _open_page(
        browser, live_site, viewport=PHONE, java_script_enabled=False, locale="de-DE"
    )
    yield tab
    context.close()
    assert log.foreign() == []
    assert log.csp_errors == []


def _widest_elements(tab) -> list[str]:
    """What sticks out on the right: to say why a page scrolls sideways."""
    return tab.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > 390.5)
            .slice(0, 5).map(el => el.tagName + '.' + el.className)"""
    )


@pytest.mark.parametrize(("name", "language"), CASES, ids=IDS)
def test_page_fits_a_390_px_phone(phone, live_site, name, language):
    path = resolve(live_site, TARGETS[name], language)
    if path is None:
        pytest.skip(f"no {name} page in {language}")
    phone.goto(live_site.url(path))
    width = phone.evaluate(PAGE_WIDTH)
    if width > PHONE["width"]:
        ARTIFACTS.mkdir(exist_ok=True)
        phone.screenshot(path=ARTIFACTS / f"phone-{name}-{language}.png", full_page=True)
    assert width <= PHONE["width"], f"{width} px wide: {_widest_elements(phone)}"


def test_unlisted_page_types_fit_a_390_px_phone(phone, live_site):
    too_wide = {}
    for entry in unlisted_page_types(live_site):
        phone.goto(live_site.url(entry["url"]))
        width = phone.evaluate(PAGE_WIDTH)
        if width > PHONE["width"]:
            too_wide[entry["url"]] = (width, _widest_elements(phone))
    assert too_wide == {}


def test_menu_starts_collapsed_and_opens_without_javascript(phone, live_site):
    phone.goto(live_site.url("/en/"))
    menu = phone.locator(".site-header details.menu")
    first_item = menu.locator(".main-menu a").first
    expect(first_item).to_be_hidden()
    menu.locator("summary").click()
    expect(first_item).to_be_visible()


@pytest.mark.parametrize(
    ("language", "menu_item", "heading"),
    [
        ("de", "Wege nach China", "Offene Ausschreibungen"),
        ("en", "Go to China", "Open calls"),
        ("zh-hans", "赴华交流", "正在招募的项目"),
    ],
)
def test_walk_from_home_reaches_programmes_and_open_calls(
    phone, live_site, language, menu_item, heading
):
    prefix = {"de": "de", "en": "en", "zh-hans": "zh"}[language]
    phone.goto(live_site.url(f"/{prefix}/"))
    phone.locator("details.menu summary").click()
    phone.get_by_role("link", name=menu_item, exact=True).first.click()
    main = phone.locator("main")
    expect(main.get_by_role("heading", name=heading)).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / f"phone-section-{language}.png", full_page=True)
    calls = main.locator(".open-calls li")
    expect(calls.first).to_contain_text(":")
    programme_link = main.locator(".link-list a").first
    title = programme_link.inner_text()
    programme_link.click()
    expect(phone.locator("main h1")).to_have_text(title)
