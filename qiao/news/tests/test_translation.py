"""News items in translation: categories (and tags) in the item's own language."""

import pytest
from django.contrib.auth import get_user_model
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from qiao.news.models import NewsPage

from .factories import make_category, make_news, make_news_index, translate_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexes(homes, locales):
    german = make_news_index(homes["de"])
    english = german.copy_for_translation(locales["en"])
    english.title, english.slug = "News", "news"
    english.save_revision().publish()
    return {"de": german, "en": english}


@pytest.fixture
def visits(locales):
    german = make_category(locales["de"], name="Besuche", slug="besuche")
    english = german.copy_for_translation(locales["en"])
    english.name, english.slug = "Visits", "visits"
    english.save()
    return {"de": german, "en": english}


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor", "e@example.org", "pw")


def _translate_and_publish(german, locale, editor, strings, capture):
    TranslationCreator(editor, [locale]).create_translations(german)
    record = Translation.objects.get(source__object_id=german.translation_key, target_locale=locale)
    for segment in record.source.stringsegment_set.select_related("string"):
        if segment.string.data in strings:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                data=strings[segment.string.data],
            )
    with capture(execute=True):
        record.save_target(user=editor, publish=True)
    return german.get_translation(locale)


def test_translated_news_item_shows_the_translated_category(
    client, indexes, visits, locales, editor, django_capture_on_commit_callbacks
):
    german = make_news(indexes["de"], title="Besuch aus Yunnan", categories=[visits["de"]])

    english = _translate_and_publish(
        german,
        locales["en"],
        editor,
        {"Besuch aus Yunnan": "Visit from Yunnan"},
        django_capture_on_commit_callbacks,
    )

    html = client.get(english.url).content.decode()
    assert list(english.categories.all()) == [visits["en"]]
    assert '<a class="badge" href="/en/news/?category=visits">Visits</a>' in html
    assert "Besuche" not in html


def test_translated_news_item_keeps_a_category_not_yet_translated(
    indexes, locales, editor, django_capture_on_commit_callbacks
):
    events = make_category(locales["de"], name="Veranstaltungen", slug="veranstaltungen")
    german = make_news(indexes["de"], title="Sommerfest", categories=[events])

    english = _translate_and_publish(
        german,
        locales["en"],
        editor,
        {"Sommerfest": "Summer party"},
        django_capture_on_commit_callbacks,
    )

    assert list(english.categories.all()) == [events]


def test_news_form_offers_the_categories_of_the_pages_language(client, indexes, visits, editor):
    client.force_login(editor)

    html = client.get(f"/admin/pages/add/news/newspage/{indexes['en'].pk}/").content.decode()

    assert f'\\u003Coption value=\\"{visits["en"].pk}\\"\\u003EVisits\\u003C/option' in html
    assert "Besuche" not in html


def test_news_form_keeps_a_category_chosen_in_another_language(indexes, locales, editor):
    events = make_category(locales["de"], name="Veranstaltungen", slug="veranstaltungen")
    german = make_news(indexes["de"], title="Sommerfest", categories=[events])
    english = translate_news(german, locales["en"], title="Summer party", slug="summer-party")
    form_class = NewsPage.get_edit_handler().get_form_class()

    form = form_class(instance=english, parent_page=indexes["en"], for_user=editor)

    labels = [label for _value, label in form.fields["categories"].choices]
    assert labels == ["Veranstaltungen (Deutsch)"]
    assert list(english.categories.all()) == [events]


def test_tag_suggestions_come_from_news_in_the_pages_language(client, indexes, locales, editor):
    german = make_news(indexes["de"], title="Besuch")
    german.tags.add("Hochschulpartnerschaft")
    german.save_revision().publish()
    english = make_news(indexes["en"], title="Visit", slug="visit")
    english.tags.add("Higher education")
    english.save_revision().publish()
    client.force_login(editor)

    suggestions = client.get(f"/admin/news/tags/{locales['en'].pk}/?term=h")
    form_html = client.get(f"/admin/pages/add/news/newspage/{indexes['en'].pk}/").content.decode()

    assert suggestions.json() == ["Higher education"]
    assert f'data-w-tag-url-value="/admin/news/tags/{locales["en"].pk}/"' in form_html


def test_category_filter_lists_items_that_exist_only_in_german(client, indexes, visits):
    make_news(indexes["de"], title="Delegation", slug="delegation", categories=[visits["de"]])
    make_news(indexes["de"], title="Sommerfest", slug="sommerfest")

    html = client.get("/en/news/?category=visits").content.decode()

    assert ">Delegation</a>" in html
    assert ">Sommerfest</a>" not in html


def test_related_news_include_items_that_exist_only_in_german(client, indexes, visits, locales):
    german = make_news(indexes["de"], title="Besuch", categories=[visits["de"]])
    english = translate_news(german, locales["en"], title="Visit", slug="visit")
    make_news(indexes["de"], title="Delegation", slug="delegation", categories=[visits["de"]])

    html = client.get(english.url).content.decode()

    assert list(english.categories.all()) == [visits["en"]]
    assert ">Delegation</a>" in html
