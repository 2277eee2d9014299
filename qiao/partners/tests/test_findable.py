"""Public partner pages can be found: in sitemap.xml (with their translations) and in the
site search; partners that are not public are in neither."""

import xml.etree.ElementTree as ET

import pytest

from .factories import InstitutionFactory

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def partners(partner_pages):
    public = InstitutionFactory(
        slug="kust",
        name_de="Kunming Universität für Wissenschaft und Technik",
        name_en="Kunming University of Science and Technology",
        name_zh="昆明理工大学",
        description_de="Partner seit 2016, Austausch im Bergbau.",
        description_en="Partner since 2016, exchange in mining.",
    )
    hidden = InstitutionFactory(slug="verborgen", name_de="Verborgene Hochschule", is_public=False)
    return public, hidden


def test_sitemap_lists_each_public_partner_in_every_language(client, partners):
    tree = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own sitemap
    urls = {url.find("s:loc", NS).text: url for url in tree.findall("s:url", NS)}

    assert "http://testserver/de/partner/kust/" in urls
    assert "http://testserver/en/partners/kust/" in urls
    assert "http://testserver/zh/hezuo-huoban/kust/" in urls
    assert not [loc for loc in urls if "verborgen" in loc]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in urls["http://testserver/en/partners/kust/"].findall("x:link", NS)
    }
    assert alternates == {
        "de": "http://testserver/de/partner/kust/",
        "en": "http://testserver/en/partners/kust/",
        "zh-Hans": "http://testserver/zh/hezuo-huoban/kust/",
    }


def test_every_partner_url_in_the_sitemap_opens(client, partners):
    tree = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own sitemap
    partner_urls = [
        url.find("s:loc", NS).text.removeprefix("http://testserver")
        for url in tree.findall("s:url", NS)
        if url.find("s:loc", NS).text.endswith("/kust/")
    ]

    assert len(partner_urls) == 3
    for path in partner_urls:
        assert client.get(path).status_code == 200, path


def test_search_finds_a_partner_by_any_of_its_names(client, partners):
    for query in ("Kunming", "昆明理工", "mining"):
        html = client.get("/en/search/", {"q": query}).content.decode()
        assert (
            '<a href="/en/partners/kust/">Kunming University of Science and Technology</a>' in html
        ), query
    html = client.get("/de/search/", {"q": "Bergbau"}).content.decode()
    assert (
        '<a href="/de/partner/kust/">Kunming Universität für Wissenschaft und Technik</a>' in html
    )
    assert "Ein Ergebnis für „Bergbau“." in html


def test_search_does_not_show_partners_that_are_not_public(client, partners):
    html = client.get("/de/search/", {"q": "Verborgene"}).content.decode()

    assert "Verborgene Hochschule" not in html
