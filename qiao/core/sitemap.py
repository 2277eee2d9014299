"""sitemap.xml: every live public page of every language, each with its translations
as ``hreflang`` alternates. A routable page lists its sub-pages (e.g. one page per partner)
through a ``sitemap_subpages()`` method returning ``(path suffix, last modified)`` pairs."""

from collections import defaultdict

from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from .i18n import html_lang


def sitemap_entries(request):
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    roots = site.root_page.get_translations(inclusive=True)
    pages = Page.objects.none()
    for root in roots:
        pages |= root.get_descendants(inclusive=True)
    # Aliases are copies in another language's tree (locale sync), not translations.
    pages = pages.live().public().filter(alias_of__isnull=True)
    pages = pages.select_related("locale").order_by("path").defer_streamfields()
    by_key = defaultdict(list)
    for page in pages:
        by_key[page.translation_key].append(page)

    def absolute_url(page):
        return request.build_absolute_uri(page.get_url(request))

    def entry(page, suffix="", lastmod=None):
        return {
            "location": absolute_url(page) + suffix,
            "lastmod": lastmod or page.last_published_at,
            "alternates": [
                {
                    "lang": html_lang(other.locale.language_code),
                    "location": absolute_url(other) + suffix,
                }
                for other in by_key[page.translation_key]
            ],
        }

    entries = []
    for page in pages:
        entries.append(entry(page))
        if hasattr(page.specific_class, "sitemap_subpages"):
            for suffix, lastmod in page.specific.sitemap_subpages():
                entries.append(entry(page, suffix, lastmod))
    return entries


def render_sitemap(request):
    return TemplateResponse(
        request,
        "core/sitemap.xml",
        {"entries": sitemap_entries(request)},
        content_type="application/xml",
    )
