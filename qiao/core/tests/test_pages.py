import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from qiao.core.models import ContactPage, StandardPage

pytestmark = pytest.mark.django_db


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, locale, **fields):
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated.specific_class.objects.get(pk=translated.pk)


@pytest.fixture
def about(homes, locales):
    german = add_page(homes["de"], StandardPage(title="Über uns", slug="ueber-uns", intro="Wir"))
    english = translate(german, locales["en"], title="About us", slug="about-us")
    return {"de": german, "en": english}


def test_root_redirects_to_browser_language(client, homes):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/zh/"


def test_root_redirects_to_german_by_default(client, homes):
    response = client.get("/")
    assert response["Location"] == "/de/"


def test_every_page_type_renders_in_each_language(client, homes, locales):
    standard = add_page(homes["de"], StandardPage(title="Impressum", slug="impressum"))
    contact = add_page(homes["de"], ContactPage(title="Kontakt", slug="kontakt"))
    for code, suffix in (("en", "en"), ("zh-hans", "zh")):
        translate(standard, locales[code], title=f"Imprint {suffix}", slug=f"imprint-{suffix}")
        translate(contact, locales[code], title=f"Contact {suffix}", slug=f"contact-{suffix}")
    cases = [
        ("/de/", "de", "Startseite"),
        ("/en/", "en", "Home"),
        ("/zh/", "zh-Hans", "首页"),
        ("/de/impressum/", "de", "Impressum"),
        ("/en/imprint-en/", "en", "Imprint en"),
        ("/zh/imprint-zh/", "zh-Hans", "Imprint zh"),
        ("/de/kontakt/", "de", "Kontakt"),
        ("/en/contact-en/", "en", "Contact en"),
        ("/zh/contact-zh/", "zh-Hans", "Contact zh"),
    ]
    for url, lang, title in cases:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert f'<html lang="{lang}">' in html, url
        assert f"<h1>{title}</h1>" in html, url


def test_switcher_leads_to_the_translation_of_the_page(client, about):
    html = client.get("/de/ueber-uns/").content.decode()

    assert re.search(r'<a href="/en/about-us/" hreflang="en" lang="en"\s*>English</a>', html)
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about-us/">' in html
    assert '<link rel="alternate" hreflang="de" href="http://testserver/de/ueber-uns/">' in html


def test_switcher_on_untranslated_page_leads_to_a_notice_offering_the_original(client, about):
    german = about["de"]

    html = client.get("/de/ueber-uns/").content.decode()
    notice_url = f"/zh/not-translated/{german.pk}/"
    notice = client.get(notice_url)

    assert f'href="{notice_url}"' in html
    assert 'hreflang="zh-Hans" href="http://testserver' not in html  # no alternate for zh
    assert notice.status_code == 200
    notice_html = notice.content.decode()
    assert '<html lang="zh-Hans">' in notice_html
    assert '<a href="/de/ueber-uns/" hreflang="de" lang="de">Über uns</a>' in notice_html
    assert '<a href="/en/about-us/" hreflang="en" lang="en">About us</a>' in notice_html


def test_notice_in_the_pages_own_language_redirects_to_the_page(client, about):
    response = client.get(f"/de/not-translated/{about['de'].pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/de/ueber-uns/"


def test_sitemap_lists_every_locale_with_alternates(client, about):
    response = client.get("/sitemap.xml")
    tree = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

    locations = [element.text for element in tree.findall("s:url/s:loc", ns)]
    about_entry = next(
        url
        for url in tree.findall("s:url", ns)
        if url.find("s:loc", ns).text == "http://testserver/de/ueber-uns/"
    )
    alternates = {
        link.get("hreflang"): link.get("href") for link in about_entry.findall("x:link", ns)
    }

    assert sorted(locations) == sorted(
        [
            "http://testserver/de/",
            "http://testserver/en/",
            "http://testserver/zh/",
            "http://testserver/de/ueber-uns/",
            "http://testserver/en/about-us/",
        ]
    )
    assert alternates == {
        "de": "http://testserver/de/ueber-uns/",
        "en": "http://testserver/en/about-us/",
    }


def test_unpublished_pages_are_not_in_the_sitemap(client, about):
    about["en"].unpublish()
    locations = client.get("/sitemap.xml").content.decode()
    assert "/en/about-us/" not in locations


def test_not_found_page_in_each_language(client, homes):
    for url, lang, heading in (
        ("/de/gibt-es-nicht/", "de", "Seite nicht gefunden"),
        ("/en/missing/", "en", "Page not found"),
        ("/zh/meiyou/", "zh-Hans", "页面未找到"),
    ):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 404
        assert f'<html lang="{lang}">' in html
        assert f"<h1>{heading}</h1>" in html


def test_robots_txt_points_to_the_sitemap(client, homes):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/plain"
    assert "Disallow: /admin/" in lines
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"


def test_theme_stylesheet_carries_the_centres_colours(client, homes):
    from qiao.core.models import CentreSettings

    centre = CentreSettings.load()
    centre.primary_colour = "#123456"
    centre.save()

    css = client.get("/theme.css").content.decode()

    assert css == ":root { --primary: #123456; --accent: #1d4e89; }\n"


def test_main_menu_lists_the_pages_of_the_current_language(client, homes, locales):
    german = add_page(
        homes["de"], StandardPage(title="Über uns", slug="ueber-uns", show_in_menus=True)
    )
    translate(german, locales["en"], title="About us", slug="about-us")

    english_menu = client.get("/en/").content.decode().split('class="main-menu"')[1]
    english_menu = english_menu.split("</ul>")[0]

    assert '<a href="/en/about-us/">About us</a>' in english_menu
    assert "/de/ueber-uns/" not in english_menu


def test_switcher_on_a_routed_sub_page_keeps_the_route(client, about, rf):
    from qiao.core.templatetags.qiao_tags import language_links

    request = rf.get("/de/ueber-uns/team/")
    with translation.override("de"):
        links = language_links({"request": request, "page": about["de"]})

    assert [link["url"] for link in links if link["is_available"]] == [
        "/de/ueber-uns/team/",
        "/en/about-us/team/",
    ]
