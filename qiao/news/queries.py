"""Reads of news: the index with its filters, the home page list, related items.

A news index lists the items written in its own language, and also the items that exist
only in another language (the centre often writes news in German only); those are marked
with their language in the templates, so no text appears under the wrong label.
"""

import hashlib
import re
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from wagtail.models import Locale, Page

# Counts and years are cached until any page is published or unpublished: their keys hold
# the content version (qiao.core.services.content_version).
CACHE_SECONDS = 24 * 60 * 60


def _news_page_model():
    return apps.get_model("news", "NewsPage")


def _category_model():
    return apps.get_model("news", "NewsCategory")


@dataclass(frozen=True)
class NewsFilters:
    category: str = ""
    tag: str = ""
    year: int | None = None

    @classmethod
    def from_query(cls, query) -> "NewsFilters":
        year = query.get("year", "")
        return cls(
            category=query.get("category", "")[:100],
            tag=query.get("tag", "")[:100],
            year=int(year) if re.fullmatch(r"[0-9]{4}", year) else None,
        )

    @property
    def is_active(self) -> bool:
        return bool(self.category or self.tag or self.year)


def _visible_in(locale: Locale):
    """News items in ``locale``, plus those in the default language that have no
    translation into it."""
    NewsPage = _news_page_model()
    translated_here = NewsPage.objects.filter(
        translation_key=OuterRef("translation_key"), locale=locale
    )
    return (
        NewsPage.objects.live()
        .public()
        .filter(Q(locale=locale) | (Q(locale=Locale.get_default()) & ~Exists(translated_here)))
    )


def _with_display_data(queryset):
    return (
        queryset.select_related("image", "locale")
        .prefetch_related("categories")
        .order_by("-date", "-first_published_at")
    )


def news_for_index(index_page, filters: NewsFilters):
    # Every index of the site (one per locale) lists the items under any of them.
    index_ids = Page.objects.filter(translation_key=index_page.translation_key).values("path")
    paths = [row["path"] for row in index_ids]
    queryset = _visible_in(index_page.locale).filter(
        Q(*[Q(path__startswith=path) for path in paths], _connector=Q.OR)
    )
    if filters.category:
        # Items that exist only in another language carry that language's category.
        same_category = _category_model().objects.filter(slug=filters.category)
        queryset = queryset.filter(
            categories__translation_key__in=same_category.values("translation_key")
        )
    if filters.tag:
        queryset = queryset.filter(tags__slug=filters.tag)
    if filters.year:
        queryset = queryset.filter(date__year=filters.year)
    if filters.category or filters.tag:
        # Joins through categories or tags could repeat an item; without them it is not
        # needed, and DISTINCT doubles the cost of the list at 10,000 items.
        queryset = queryset.distinct()
    return _with_display_data(queryset)


class NewsPaginator(Paginator):
    """Counting 10,000 items costs more than showing ten of them; the count of each
    (index, filters) is cached until the next change to published content."""

    def __init__(self, object_list, per_page, *, index_page, filters: NewsFilters, version: int):
        super().__init__(object_list, per_page)
        chosen = hashlib.sha256(repr(filters).encode()).hexdigest()
        self.cache_key = f"news:count:{index_page.pk}:{chosen}:{version}"

    @cached_property
    def count(self):
        return cache.get_or_set(self.cache_key, self.object_list.count, CACHE_SECONDS)


def news_years(index_page, *, version: int) -> list[int]:
    """The years that have news in the index's language, newest first (cached)."""

    def years():
        dates = _visible_in(index_page.locale).dates("date", "year", order="DESC")
        return [value.year for value in dates]

    key = f"news:years:{index_page.locale_id}:{version}"
    return cache.get_or_set(key, years, CACHE_SECONDS)


def latest_news(locale: Locale, *, limit: int = 3):
    return _with_display_data(_visible_in(locale))[:limit]


def related_news(news_page, *, limit: int = 3):
    # By translation key: a related item that exists only in German has German categories.
    category_keys = news_page.categories.values_list("translation_key", flat=True)
    return _with_display_data(
        _visible_in(news_page.locale)
        .filter(categories__translation_key__in=category_keys)
        .distinct()
    ).exclude(translation_key=news_page.translation_key)[:limit]


def tag_names_in_language(locale_id: int, term: str, *, limit: int = 10) -> list[str]:
    """Tag names starting with ``term`` that news items in one language use."""
    if not term:
        return []
    Tag = apps.get_model("taggit", "Tag")
    names = (
        Tag.objects.filter(
            news_newspagetag_items__content_object__locale_id=locale_id, name__istartswith=term
        )
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )
    return list(names[:limit])
