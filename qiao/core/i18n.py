"""Language prefixes in URLs.

Content and gettext catalogues use Django's language code ``zh-hans`` (so Django's and
Wagtail's own Chinese translations apply), while URLs use the short prefix ``/zh/``.
"""

from django.conf import settings
from django.urls import URLResolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

URL_PREFIXES = {"zh-hans": "zh"}
HREFLANG = {"de": "de", "en": "en", "zh-hans": "zh-Hans"}


def url_prefix(language_code: str) -> str:
    return URL_PREFIXES.get(language_code, language_code)


def html_lang(language_code: str) -> str:
    """The value for a ``lang`` or ``hreflang`` attribute (BCP 47)."""
    return HREFLANG.get(language_code, language_code)


class ShortLocalePrefixPattern(LocalePrefixPattern):
    @property
    def language_prefix(self):
        language_code = translation.get_language() or settings.LANGUAGE_CODE
        return f"{url_prefix(language_code)}/"


def i18n_patterns(*urls):
    """Like Django's ``i18n_patterns``, with every language prefixed, ``/zh/`` for Chinese."""
    return [URLResolver(ShortLocalePrefixPattern(prefix_default_language=True), list(urls))]
