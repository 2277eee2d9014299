"""Fixtures shared by every app's tests: a small site in three languages, no demo data."""

import pytest
from wagtail.models import Locale, Page, Site

from qiao.core.models import HomePage


@pytest.fixture
def locales(db):
    # get_or_create: transactional tests flush the rows that a migration created.
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("de", "en", "zh-hans")
    }


@pytest.fixture
def homes(locales):
    """Home pages in German, English and Chinese, the German one the site's root."""
    # A transactional test before this one may have flushed the root a migration made.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["de"])
    )
    for child in root.get_children():
        Site.objects.filter(root_page=child).delete()
        child.delete()
    root.refresh_from_db()
    german = HomePage(
        title="Startseite", slug="de", intro="<p>Willkommen</p>", locale=locales["de"]
    )
    root.add_child(instance=german)
    german.save_revision().publish()
    Site.objects.create(hostname="localhost", port=80, root_page=german, is_default_site=True)
    result = {"de": german}
    for code, title in (("en", "Home"), ("zh-hans", "首页")):
        translated = german.copy_for_translation(locales[code])
        translated.title = title
        translated.slug = code
        translated.save_revision().publish()
        result[code] = HomePage.objects.get(pk=translated.pk)
    return result


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (rate limits, cached pages)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language, whatever an earlier test in the
    same process activated (the client's requests activate a language and keep it)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
