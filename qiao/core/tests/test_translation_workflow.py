"""Editors translate with wagtail-localize; the 500 page speaks the visitor's language."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from qiao.core.localization import slug_from_title
from qiao.core.models import StandardPage
from qiao.core.views import server_error

pytestmark = pytest.mark.django_db


def test_editor_translates_a_page_with_wagtail_localize(
    client, homes, locales, django_capture_on_commit_callbacks
):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    german = StandardPage(
        title="Beratung", slug="beratung", body=[("text", RichText("<p>Visum beantragen</p>"))]
    )
    homes["de"].add_child(instance=german)
    german.save_revision().publish()

    TranslationCreator(editor, [locales["en"]]).create_translations(german)
    translation_record = Translation.objects.get(target_locale=locales["en"])
    for segment in translation_record.source.stringsegment_set.select_related("string"):
        english = {"Beratung": "Advice", "Visum beantragen": "Applying for a visa"}
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locales["en"],
            context=segment.context,
            data=english.get(segment.string.data, segment.string.data),
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation_record.save_target(user=editor, publish=True)

    english_page = german.get_translation(locales["en"])
    html = client.get(english_page.url).content.decode()
    assert english_page.title == "Advice"
    assert "Applying for a visa" in html
    assert '<html lang="en">' in html


def test_server_error_page_in_the_visitors_language():
    request = RequestFactory().get("/zh/")
    with translation.override("zh-hans"):
        response = server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="zh-Hans">' in html
    assert "<h1>我们这边出了点问题</h1>" in html


def test_switcher_on_a_view_keeps_the_address_in_the_other_language(client, homes):
    html = client.get("/de/search/?q=Visum").content.decode()
    assert 'href="/en/search/?q=Visum" hreflang="en"' in html


def _publish_german_page(homes, *, title="Beratung", slug="beratung", text="Visum beantragen"):
    german = StandardPage(title=title, slug=slug, body=[("text", RichText(f"<p>{text}</p>"))])
    homes["de"].add_child(instance=german)
    german.save_revision().publish()
    return german


def _translate_strings(german, locale, translations):
    """What a translator does in wagtail-localize's editor: one translation per string."""
    translation_record = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=locale
    )
    for segment in translation_record.source.stringsegment_set.select_related("string"):
        if segment.string.data in translations:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                data=translations[segment.string.data],
            )
    return translation_record


def test_translate_this_page_in_the_admin_leaves_the_translations_unpublished(
    client, homes, locales, django_capture_on_commit_callbacks
):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    german = _publish_german_page(homes)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[german.pk]),
            {"locales": [locales["en"].pk, locales["zh-hans"].pk]},
        )

    english = german.get_translation(locales["en"])
    chinese = german.get_translation(locales["zh-hans"])
    assert response.status_code == 302
    assert (english.live, chinese.live) == (False, False)
    assert client.get("/en/beratung/").status_code == 404
    assert client.get("/zh/beratung/").status_code == 404
    german_html = client.get("/de/beratung/").content.decode()
    assert f'href="/en/not-translated/{german.pk}/" hreflang="en"' in german_html


def test_translation_goes_live_when_the_translator_publishes_it(
    client, homes, locales, django_capture_on_commit_callbacks
):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    german = _publish_german_page(homes)
    TranslationCreator(editor, [locales["en"]]).create_translations(german)
    translation_record = _translate_strings(
        german, locales["en"], {"Beratung": "Advice", "Visum beantragen": "Applying for a visa"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        translation_record.save_target(user=editor, publish=True)

    english = german.get_translation(locales["en"])
    response = client.get(english.url)
    html = response.content.decode()
    assert english.live is True
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "<p>Applying for a visa</p>" in html
    assert "notice-untranslated" not in html


def test_translation_published_in_part_says_which_language_the_rest_is_in(
    client, homes, locales, django_capture_on_commit_callbacks
):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    german = _publish_german_page(homes)
    TranslationCreator(editor, [locales["en"]]).create_translations(german)
    translation_record = _translate_strings(german, locales["en"], {"Beratung": "Advice"})

    with django_capture_on_commit_callbacks(execute=True):
        translation_record.save_target(user=editor, publish=True)

    html = client.get("/en/advice/").content.decode()
    assert (
        '<div class="wrap"><p class="notice notice-untranslated">Parts of this page are not'
        " translated yet and are shown in German.</p></div>"
    ) in html


def test_translations_get_slugs_from_their_translated_titles(
    client, homes, locales, django_capture_on_commit_callbacks
):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    german = _publish_german_page(homes)
    TranslationCreator(editor, [locales["en"], locales["zh-hans"]]).create_translations(german)
    records = [
        _translate_strings(german, locales["en"], {"Beratung": "Visa advice"}),
        _translate_strings(german, locales["zh-hans"], {"Beratung": "签证咨询"}),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        for record in records:
            record.save_target(user=editor, publish=True)

    english = german.get_translation(locales["en"])
    chinese = german.get_translation(locales["zh-hans"])
    assert (english.slug, chinese.slug) == ("visa-advice", "qian-zheng-zi-xun")
    assert client.get("/en/visa-advice/").status_code == 200
    assert client.get("/zh/qian-zheng-zi-xun/").status_code == 200
    # The draft's first address now leads to the new one (Wagtail's automatic redirect).
    assert client.get("/en/beratung/")["Location"] == "/en/visa-advice/"


def test_translation_keeps_a_slug_the_translator_translated(
    homes, locales, django_capture_on_commit_callbacks
):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    german = _publish_german_page(homes)
    TranslationCreator(editor, [locales["en"]]).create_translations(german)
    record = _translate_strings(
        german, locales["en"], {"Beratung": "Visa advice", "beratung": "advising"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        record.save_target(user=editor, publish=True)

    assert german.get_translation(locales["en"]).slug == "advising"


def test_published_translation_keeps_its_address_when_retitled(homes, locales):
    german = _publish_german_page(homes)
    english = german.copy_for_translation(locales["en"])
    english.save_revision().publish()
    english = StandardPage.objects.get(pk=english.pk)

    english.title = "Advice"
    english.save_revision().publish()

    english.refresh_from_db()
    assert (english.title, english.slug) == ("Advice", "beratung")


@pytest.mark.parametrize(
    ("title", "language_code", "slug"),
    [
        ("云南来访", "zh-hans", "yun-nan-lai-fang"),
        ("2026年 TU Clausthal 代表团", "zh-hans", "2026-nian-tu-clausthal-dai-biao-tuan"),
        ("Über uns", "de", "uber-uns"),
        ("Studying in China: a guide", "en", "studying-in-china-a-guide"),
    ],
)
def test_slug_from_title_in_each_language(title, language_code, slug):
    assert slug_from_title(title, language_code) == slug


def test_alias_from_locale_sync_leads_to_the_not_translated_notice(client, homes, locales):
    german = _publish_german_page(homes)
    alias = german.copy_for_translation(locales["en"], alias=True)

    response = client.get("/en/beratung/")
    german_html = client.get("/de/beratung/").content.decode()

    assert alias.live is True
    assert response.status_code == 302
    assert response["Location"] == f"/en/not-translated/{german.pk}/"
    assert f'href="/en/not-translated/{german.pk}/" hreflang="en"' in german_html
