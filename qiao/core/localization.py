"""Helpers for language-dependent display.

How translatable text is stored (decided once, see README):
- pages and snippets (news, people, institutions ...) are translated as a whole with
  wagtail-localize: one object per locale, linked by ``translation_key``;
- short labels on plain back-office models (a registration question, a document type)
  have one field per language, ``<name>_de``, ``<name>_en``, ``<name>_zh``, read with
  :func:`localized`, which falls back to German.

A page translation gets its own address: see :func:`translate_copied_slug`.
"""

from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.text import slugify
from pypinyin import lazy_pinyin
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

FIELD_SUFFIXES = {"de": "de", "en": "en", "zh-hans": "zh"}
SLUG_MAX_LENGTH = 80


def localized(obj, field: str, language_code: str | None = None) -> str:
    language_code = language_code or translation.get_language() or "de"
    suffix = FIELD_SUFFIXES.get(language_code, "de")
    return getattr(obj, f"{field}_{suffix}", "") or getattr(obj, f"{field}_de", "")


def translations_of(page):
    """The live versions of a page in every language (itself included). An alias that
    wagtail-localize's locale sync puts into another language's tree is a copy of the
    original, not a translation, so it does not count."""
    return page.get_translations(inclusive=True).live().filter(alias_of__isnull=True)


def is_untranslated_copy(page) -> bool:
    """Whether a page is an alias of a page in another language (a copy, not a translation)."""
    if page.alias_of_id is None:
        return False
    return Page.objects.filter(pk=page.alias_of_id).exclude(locale_id=page.locale_id).exists()


def slug_from_title(title: str, language_code: str) -> str:
    """An ASCII slug for a title in the given language; Chinese is written in pinyin
    ("云南来访" becomes "yun-nan-lai-fang")."""
    if language_code.startswith("zh"):
        title = " ".join(lazy_pinyin(title))
    return slugify(title)[:SLUG_MAX_LENGTH].strip("-")


def translate_copied_slug(page) -> None:
    """Give a page translation its own slug when it still has the one copied from the page
    it translates.

    wagtail-localize copies the slug with the page, and translators rarely find its string on
    the Promote tab: an English or Chinese page would keep a German address. While the
    translation has never been published (so no address changes under a visitor) and its
    title is already translated, the slug is made from the translated title.
    """
    if page.pk is None or page.first_published_at is not None:
        return
    translated_from = (
        Page.objects.filter(translation_key=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .exclude(title=page.title)
    )
    if page.slug:  # an empty slug (a Chinese slug string slugified to nothing) counts too
        translated_from = translated_from.filter(slug=page.slug)
    if not translated_from.exists():
        return
    slug = slug_from_title(page.title, page.locale.language_code)
    if slug:
        page.slug = find_available_slug(page.get_parent(), slug, ignore_page_id=page.pk)


def untranslated_source_language(page) -> str | None:
    """The language code of the original, when a published translation still shows some of
    its strings untranslated (wagtail-localize publishes those in the original language);
    otherwise None. The slug does not count: it gets its own (see translate_copied_slug)."""
    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    record = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source__locale")
        .first()
    )
    if record is None:
        return None
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=page.locale_id,
        has_error=False,
    )
    untranslated = (
        StringSegment.objects.filter(source_id=record.source_id)
        .exclude(context__path="slug")
        .exclude(Exists(translated))
    )
    return record.source.locale.language_code if untranslated.exists() else None
