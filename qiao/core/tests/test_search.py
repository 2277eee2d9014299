"""Site search: many matches stay fast on SQLite (newest first), few are ranked."""

import datetime

import pytest
from django.db import connection

from qiao.core import views
from qiao.news.tests.factories import make_news, make_news_index

pytestmark = pytest.mark.django_db


def titles(html: str) -> list[str]:
    results = html.split('class="search-results"')[1].split("</ol>")[0]
    return [part.split("</a>")[0].split(">")[-1] for part in results.split("<h2>")[1:]]


@pytest.fixture
def news(homes):
    # Created in this order, so neither the tree nor the dates put the title match first.
    index = make_news_index(homes["de"])
    newer = make_news(
        index, title="Besuch in Clausthal", body="Eine Kooperation beginnt.", slug="besuch"
    )
    older = make_news(index, title="Kooperation mit Kunming", date=datetime.date(2024, 1, 5))
    for page, published in ((older, 2024), (newer, 2026)):
        page.first_published_at = datetime.datetime(published, 1, 5, tzinfo=datetime.UTC)
        page.save(update_fields=["first_published_at"])
    return older, newer


def test_few_matches_are_ranked_title_first(client, news):
    html = client.get("/de/search/", {"q": "Kooperation"}).content.decode()

    assert titles(html) == ["Kooperation mit Kunming", "Besuch in Clausthal"]


def test_many_matches_are_listed_newest_first_on_sqlite_and_ranked_on_postgresql(
    client, news, monkeypatch
):
    monkeypatch.setattr(views, "SQLITE_RANKING_LIMIT", 1)

    html = client.get("/de/search/", {"q": "Kooperation"}).content.decode()

    if connection.vendor == "sqlite":
        assert titles(html) == ["Besuch in Clausthal", "Kooperation mit Kunming"]
    else:
        assert titles(html) == ["Kooperation mit Kunming", "Besuch in Clausthal"]
    assert "2 Ergebnisse für „Kooperation“." in html
