"""Helpers for language-dependent display.

How translatable text is stored (decided once, see README):
- pages and snippets (news, people, institutions ...) are translated as a whole with
  wagtail-localize: one object per locale, linked by ``translation_key``;
- short labels on plain back-office models (a registration question, a document type)
  have one field per language, ``<name>_de``, ``<name>_en``, ``<name>_zh``, read with
  :func:`localized`, which falls back to German.
"""

from django.utils import translation

FIELD_SUFFIXES = {"de": "de", "en": "en", "zh-hans": "zh"}


def localized(obj, field: str, language_code: str | None = None) -> str:
    language_code = language_code or translation.get_language() or "de"
    suffix = FIELD_SUFFIXES.get(language_code, "de")
    return getattr(obj, f"{field}_{suffix}", "") or getattr(obj, f"{field}_de", "")
