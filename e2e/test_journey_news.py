"""A visitor reads the news and switches language, also where there is no translation."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.journey


def main_menu(page):
    return page.locator("header nav .main-menu")


def language_switcher(page):
    return page.locator("header nav.language-switcher")


def test_home_to_news_to_other_language(page, live_site):
    page.goto("/de/")
    expect(page.locator("html")).to_have_attribute("lang", "de")

    news_index = live_site.page_url("news.NewsIndexPage", "de")
    main_menu(page).locator(f'a[href="{news_index}"]').click()
    expect(page).to_have_url(live_site.url(news_index))
    page.locator("main .card-list a").first.click()
    expect(page.locator("main h1")).to_be_visible()

    language_switcher(page).locator('a[hreflang="en"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/en/"))


def test_switching_to_a_missing_translation_says_so(page, live_site):
    item = live_site.inventory["untranslated"]
    page.goto("/de/")
    news_index = live_site.page_url("news.NewsIndexPage", "de")
    main_menu(page).locator(f'a[href="{news_index}"]').click()
    expect(page).to_have_url(live_site.url(news_index))
    page.locator(f'main .card-list a[href="{item["url"]}"]').first.click()
    expect(page.locator("main h1")).to_have_text(item["title"])

    language_switcher(page).locator('a[hreflang="en"]').click()

    expect(page).to_have_url(live_site.url(f"/en/not-translated/{item['id']}/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_have_text("Not available in this language")
    expect(page.locator("main")).to_contain_text(
        f"The page “{item['title']}” has not been translated into English."
    )
    original = page.get_by_role("link", name=item["title"])
    expect(original).to_have_attribute("hreflang", "de")
    original.click()
    expect(page).to_have_url(live_site.url(item["url"]))
    expect(page.locator("html")).to_have_attribute("lang", "de")
