"""Editors translate with wagtail-localize; the 500 page speaks the visitor's language."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import translation
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

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
