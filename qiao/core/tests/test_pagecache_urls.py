"""Every public address is either served from the whole-page cache or not, with a reason
(qiao.core.pagecache); every page type and every model is classified for it. A new URL
pattern, page type or model fails here until someone decides."""

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page, get_page_models

from qiao.core import pagecache, signals


def url_patterns(resolver=None, prefix="", namespaces=()):
    """(route, view name) of every URL pattern, the back office left out."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith("admin/") and not route.startswith("admin/login"):
            continue
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from url_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join((*namespaces, pattern.name)) if pattern.name else route
            yield route, name


def test_every_public_url_pattern_is_classified_for_the_page_cache():
    table = []
    for route, name in url_patterns():
        if name in pagecache.CACHED_VIEWS:
            table.append((route, name, "cached", pagecache.CACHED_VIEWS[name]))
        elif name in pagecache.NOT_CACHED_VIEWS:
            table.append((route, name, "not cached", pagecache.NOT_CACHED_VIEWS[name]))
        else:
            table.append((route, name, "UNCLASSIFIED", ""))
    print("\n".join(" | ".join(row) for row in table))  # the table, with pytest -s

    assert [row[:2] for row in table if row[2] == "UNCLASSIFIED"] == []
    assert set(pagecache.CACHED_VIEWS) & set(pagecache.NOT_CACHED_VIEWS) == set()
    named = {name for _route, name in url_patterns()}
    assert set(pagecache.CACHED_VIEWS) - named == set(), "cached entries without a pattern"
    assert set(pagecache.NOT_CACHED_VIEWS) - named == set(), "stale entries"


def test_every_page_type_is_live_or_stable():
    labels = {model._meta.label_lower for model in get_page_models()} | {"wagtailcore.page"}

    assert labels - set(pagecache.PAGE_TYPES) == set()
    assert set(pagecache.PAGE_TYPES) - labels == set()
    assert set(pagecache.PAGE_TYPES.values()) == {pagecache.LIVE, pagecache.STABLE}


def test_every_project_model_moves_the_content_version_or_says_why_not():
    project = {
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("qiao.") and not issubclass(model, Page)
    }
    classified = set(signals.CONTENT_MODELS) | set(signals.NOT_CONTENT_MODELS)

    assert project - classified == set()
    assert set(signals.CONTENT_MODELS) & set(signals.NOT_CONTENT_MODELS) == set()
    assert set(signals.NOT_CONTENT_MODELS) - project == set()
