import datetime

import feedparser
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from .factories import make_category, make_news, make_news_index, translate_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexes(homes, locales):
    german = make_news_index(homes["de"])
    english = german.copy_for_translation(locales["en"])
    english.title, english.slug = "News", "news"
    english.save_revision().publish()
    chinese = german.copy_for_translation(locales["zh-hans"])
    chinese.title, chinese.slug = "新闻", "xinwen"
    chinese.save_revision().publish()
    return {"de": german, "en": english, "zh-hans": chinese}


def test_news_page_renders_in_each_language(client, indexes, locales):
    german = make_news(indexes["de"], title="Besuch aus Yunnan", body="Delegation im Winter")
    translate_news(german, locales["en"], title="Visit from Yunnan", slug="visit-from-yunnan")
    translate_news(german, locales["zh-hans"], title="云南来访", slug="yunnan-laifang")

    for url, title in (
        ("/de/aktuelles/besuch-aus-yunnan/", "Besuch aus Yunnan"),
        ("/en/news/visit-from-yunnan/", "Visit from Yunnan"),
        ("/zh/xinwen/yunnan-laifang/", "云南来访"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert f"<h1>{title}</h1>" in response.content.decode()


def test_news_index_marks_items_that_exist_only_in_german(client, indexes, locales):
    make_news(indexes["de"], title="Nur Deutsch", slug="nur-deutsch")
    both = make_news(indexes["de"], title="Zweisprachig", slug="zweisprachig")
    translate_news(both, locales["en"], title="Bilingual", slug="bilingual")

    html = client.get("/en/news/").content.decode()

    assert "Bilingual" in html
    assert "Zweisprachig" not in html
    assert 'lang="de"' in html  # the German-only item is marked as German
    assert "Only in German" in html
    assert html.count("Only in German") == 1


def test_news_index_filters_by_category_and_year(client, indexes, locales):
    visits = make_category(locales["de"], name="Besuche", slug="visits")
    make_news(indexes["de"], title="Besuch", date=datetime.date(2023, 11, 27), categories=[visits])
    make_news(indexes["de"], title="Eroeffnung", date=datetime.date(2018, 10, 22))

    by_category = client.get("/de/aktuelles/?category=visits").content.decode()
    by_year = client.get("/de/aktuelles/?year=2018").content.decode()

    assert ">Besuch</a>" in by_category and ">Eroeffnung</a>" not in by_category
    assert ">Eroeffnung</a>" in by_year and ">Besuch</a>" not in by_year


def test_news_index_ignores_a_malformed_page_number(client, indexes):
    make_news(indexes["de"], title="Eins")

    response = client.get("/de/aktuelles/?page=abc&year=x")

    assert response.status_code == 200
    assert ">Eins</a>" in response.content.decode()


def test_feeds_parse_without_errors_in_each_language(client, indexes, locales):
    german = make_news(indexes["de"], title="Besuch aus Yunnan", teaser="Sechs Gäste")
    translate_news(german, locales["zh-hans"], title="云南来访", slug="yunnan-laifang")

    for prefix, kind, expected_title, language in (
        ("de", "rss", "Besuch aus Yunnan", "de"),
        ("de", "atom", "Besuch aus Yunnan", "de"),
        ("zh", "rss", "云南来访", "zh-Hans"),
        ("zh", "atom", "云南来访", "zh-Hans"),
    ):
        response = client.get(f"/{prefix}/news/feed/{kind}/")
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, feed.get("bozo_exception")
        assert [entry.title for entry in feed.entries] == [expected_title]
        assert feed.feed.language == language
        assert feed.entries[0].link.startswith(f"http://testserver/{prefix}/")


def test_search_finds_news_by_body_word_in_its_language_only(client, indexes, locales):
    german = make_news(indexes["de"], title="Besuch", body="Rundgang durch die Marktkirche")
    translate_news(
        german,
        locales["en"],
        title="Visit",
        slug="visit",
        body=[("text", RichText("<p>A walk past the library</p>"))],
    )

    german_hits = client.get("/de/search/?q=Marktkirche").context["page_obj"].object_list
    english_hits = client.get("/en/search/?q=Marktkirche").context["page_obj"].object_list
    english_library = client.get("/en/search/?q=library").context["page_obj"].object_list

    assert [page.title for page in german_hits] == ["Besuch"]
    assert list(english_hits) == []
    assert [page.title for page in english_library] == ["Visit"]


def _count_queries(client, url):
    """Queries of one request with nothing cached (the header and footer included)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.slow
def test_home_and_news_index_query_counts_do_not_grow_with_news(client, indexes, locales):
    category = make_category(locales["de"])
    for number in range(10):
        make_news(indexes["de"], title=f"Meldung {number}", categories=[category])
    client.get("/de/")  # warm caches that are filled once per process (site root paths)
    small = (_count_queries(client, "/de/"), _count_queries(client, "/de/aktuelles/"))

    for number in range(10, 1000):
        make_news(indexes["de"], title=f"Meldung {number}", categories=[category])
    large = (_count_queries(client, "/de/"), _count_queries(client, "/de/aktuelles/"))

    assert large == small


def test_page_count_and_years_follow_each_publication(client, indexes):
    """The count and the years are cached; publishing and unpublishing renew them."""
    indexes["de"].per_page = 1
    indexes["de"].save_revision().publish()
    first = make_news(indexes["de"], title="Eins", date=datetime.date(2024, 5, 1))
    html = client.get("/de/aktuelles/").content.decode()
    assert "Seite 1 von" not in html
    assert '<option value="2024">2024</option>' in html
    assert '<option value="2019">' not in html

    make_news(indexes["de"], title="Zwei", date=datetime.date(2019, 3, 1))
    html = client.get("/de/aktuelles/").content.decode()
    assert "Seite 1 von 2" in html
    assert '<option value="2019">2019</option>' in html

    first.unpublish()
    html = client.get("/de/aktuelles/").content.decode()
    assert "Seite 1 von" not in html
    assert '<option value="2024">' not in html


def test_filtered_counts_are_cached_apart(client, indexes, locales):
    visits = make_category(locales["de"], name="Besuche", slug="visits")
    indexes["de"].per_page = 1
    indexes["de"].save_revision().publish()
    make_news(indexes["de"], title="Besuch", categories=[visits])
    make_news(indexes["de"], title="Feier")

    assert "Seite 1 von 2" in client.get("/de/aktuelles/").content.decode()
    filtered = client.get("/de/aktuelles/?category=visits").content.decode()
    assert "Seite 1 von" not in filtered
    assert ">Besuch</a>" in filtered
