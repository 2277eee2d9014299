"""Reads of the partner network for the public site.

Public pages read institutions only through :func:`public_institutions`, which leaves
out the staff-only fields; contact persons, agreements' details and visits' notes are
never selected for a public page.
"""

from collections import Counter
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Q
from django.utils import translation
from wagtail.models import Locale, Page

from .enums import InstitutionType, Province
from .models import Agreement, DelegationVisit, Institution

# The fields a public page may show.
PUBLIC_FIELDS = (
    "pk",
    "type",
    "name_de",
    "name_en",
    "name_zh",
    "short_name",
    "slug",
    "city",
    "province",
    "country",
    "website",
    "logo",
    "partner_since",
    "description_de",
    "description_en",
    "description_zh",
    "is_public",
)

# The name of the reverse relation from programmes (mobility app) to institutions.
PROGRAMMES_RELATION = "mobility_programmes"


@dataclass(frozen=True)
class PartnerFilters:
    type: str = ""
    province: str = ""

    @classmethod
    def from_query(cls, query) -> "PartnerFilters":
        type_ = query.get("type", "")
        province = query.get("province", "")
        return cls(
            type=type_ if type_ in InstitutionType.values else "",
            province=province if province in Province.values else "",
        )

    @property
    def is_active(self) -> bool:
        return bool(self.type or self.province)


def public_institutions(filters: PartnerFilters | None = None):
    # Sorted by the name shown; Chinese readers get the English order (no pinyin sort).
    name_field = "name_de" if translation.get_language() == "de" else "name_en"
    queryset = (
        Institution.objects.public()
        .only(*PUBLIC_FIELDS)
        .select_related("logo")
        .order_by(name_field, "pk")
    )
    if filters and filters.type:
        queryset = queryset.filter(type=filters.type)
    if filters and filters.province:
        queryset = queryset.filter(province=filters.province)
    return queryset


def province_counts() -> dict[str, int]:
    """Public partners per province."""
    rows = (
        Institution.objects.public()
        .exclude(province="")
        .values("province")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["province"]: row["count"] for row in rows}


def current_agreement_types(institution) -> list[str]:
    """The labels of the partner's current agreement types: the only agreement data a
    visitor sees."""
    types = Agreement.objects.current().filter(partners=institution).values_list("type", flat=True)
    counted = Counter(types)
    return [label for value, label in Agreement._meta.get_field("type").choices if value in counted]


def public_visits(institution):
    return (
        DelegationVisit.objects.filter(institutions=institution)
        .only("pk", "direction", "title_de", "title_en", "title_zh", "starts_on", "ends_on")
        .order_by("-starts_on")
    )


def _in_locale(pages, locale: Locale) -> list:
    """One page per translation key: the one in ``locale``, else the original."""
    chosen = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or (page.locale_id == locale.pk and current.locale_id != locale.pk):
            chosen[page.translation_key] = page
    return list(chosen.values())


def related_news(institution, locale: Locale) -> list:
    """News chosen for the partner and news of its delegation visits, newest first, each
    in the visitor's language where it exists."""
    NewsPage = apps.get_model("news", "NewsPage")
    page_ids = set(institution.related_news.values_list("pk", flat=True))
    page_ids |= set(
        DelegationVisit.objects.filter(
            institutions=institution, news_page__isnull=False
        ).values_list("news_page_id", flat=True)
    )
    keys = NewsPage.objects.filter(pk__in=page_ids).values("translation_key")
    pages = (
        NewsPage.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .defer_streamfields()
    )
    news = _in_locale(pages, locale)
    return sorted(news, key=lambda page: page.date, reverse=True)


def programmes_for(institution, locale: Locale) -> list:
    """Programmes run with this partner, once the mobility app links its programme pages
    to institutions with a relation named ``mobility_programmes``; until then nothing."""
    manager = getattr(institution, PROGRAMMES_RELATION, None)
    if manager is None or not hasattr(manager, "all"):
        return []
    programmes = manager.all()
    model = programmes.model
    if not issubclass(model, Page):
        return list(programmes)
    keys = programmes.values("translation_key")
    pages = (
        model.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .defer_streamfields()
    )
    return sorted(_in_locale(pages, locale), key=lambda page: page.title)


def search_institutions(query: str, *, limit: int = 10):
    """Public partners whose name (in any language), short name, city or description in
    the current language contains ``query``."""
    description = {"de": "description_de", "zh-hans": "description_zh"}.get(
        translation.get_language(), "description_en"
    )
    matches = Q()
    for field in ("name_de", "name_en", "name_zh", "short_name", "city", description):
        matches |= Q(**{f"{field}__icontains": query})
    return public_institutions().filter(matches)[:limit]
