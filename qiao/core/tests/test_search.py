"""Site search: many matches stay fast on SQLite (newest first), few are ranked."""

import datetime

import pytest
from django.db import connection

from qiao.core import views
from qiao.mobility.models import ProgrammeIndexPage, ProgrammePage
from qiao.mobility.tests.factories import CallFactory
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


@pytest.fixture
def chinese_news(homes):
    index = make_news_index(homes["zh-hans"], title="新闻", slug="xinwen")
    visa = make_news(index, title="签证与居留", body="赴华学习需要办理学习签证。", slug="qianzheng")
    visit = make_news(
        index,
        title="云南省代表团来访",
        body="昆明理工大学副校长随团来访，双方商定扩大交流。",
        slug="yunnan",
    )
    week = make_news(index, title="2026年中国周", body="讲座、电影和美食。", slug="zhongguozhou")
    return visa, visit, week


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("签证", ["签证与居留"]),
        ("昆明", ["云南省代表团来访"]),
        ("中国周", ["2026年中国周"]),
        ("代表团", ["云南省代表团来访"]),
        ("学习签证", ["签证与居留"]),
    ],
)
def test_chinese_word_inside_chinese_text_is_found(client, chinese_news, query, expected):
    html = client.get("/zh/search/", {"q": query}).content.decode()

    assert titles(html) == expected


def test_chinese_word_is_not_found_in_another_language(client, chinese_news):
    html = client.get("/de/search/", {"q": "签证"}).content.decode()

    assert titles(html) == []


@pytest.mark.parametrize(
    "query", ['"', 'a"', "\x00", '"""', "'", "*", "-", "^", "NEAR(", "a AND", "OR", "(", "\\"]
)
def test_search_with_query_syntax_characters_answers_no_results(client, news, query):
    response = client.get("/de/search/", {"q": query})

    assert response.status_code == 200
    html = response.content.decode()
    assert titles(html) == []
    assert "Keine Ergebnisse für" in html


def test_search_ignores_syntax_characters_around_words(client, news):
    html = client.get("/de/search/", {"q": 'Kunming" *'}).content.decode()

    assert titles(html) == ["Kooperation mit Kunming"]
    assert "Ein Ergebnis für „Kunming&quot; *“." in html


def test_search_drops_control_characters_from_the_query(client, news):
    html = client.get("/de/search/", {"q": "Kun\x00ming"}).content.decode()

    assert "\x00" not in html
    assert 'value="Kunming"' in html


@pytest.fixture
def call(homes):
    index = ProgrammeIndexPage(title="Programme", slug="programme")
    homes["de"].add_child(instance=index)
    index.save_revision().publish()
    programme = ProgrammePage(
        title="Winter School Beihang",
        slug="winter-school",
        programme_type="winter_school",
        city="Peking",
        duration="2 Wochen",
        teaser="Zwei Wochen in Peking.",
    )
    index.add_child(instance=programme)
    programme.save_revision().publish()
    zh_index = index.copy_for_translation(homes["zh-hans"].locale)
    zh_index.save_revision().publish()
    zh_programme = programme.copy_for_translation(homes["zh-hans"].locale)
    zh_programme.title = "北京航空航天大学冬季学校"
    zh_programme.save_revision().publish()
    return CallFactory(
        programme=programme,
        title_de="Winterschule 2027",
        title_en="Winter school 2027",
        title_zh="2027年冬季学校",
    )


def test_search_finds_a_call_linked_to_its_programme_in_each_language(client, call):
    german = client.get("/de/search/", {"q": "Winterschule"}).content.decode()
    chinese = client.get("/zh/search/", {"q": "冬季学校"}).content.decode()

    assert f'<a href="/de/programme/winter-school/#call-{call.pk}">Winterschule 2027</a>' in german
    # The Chinese programme page has its own (pinyin) address, made from its title.
    zh_url = ProgrammePage.objects.get(locale__language_code="zh-hans").url
    assert f'<a href="{zh_url}#call-{call.pk}">2027年冬季学校</a>' in chinese
    programme = client.get(zh_url).content.decode()
    assert f'id="call-{call.pk}"' in programme


def test_call_of_an_unpublished_programme_is_not_found(client, call):
    ProgrammePage.objects.get(locale__language_code="zh-hans").unpublish()

    html = client.get("/zh/search/", {"q": "冬季学校"}).content.decode()

    assert "2027年冬季学校" not in html
    assert "Winterschule 2027" in client.get("/de/search/", {"q": "Winterschule"}).content.decode()


def test_one_letter_finds_no_records(client, call):
    html = client.get("/de/search/", {"q": 'e"'}).content.decode()

    assert titles(html) == []
    assert "Keine Ergebnisse für „e&quot;“." in html
