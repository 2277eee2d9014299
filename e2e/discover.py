"""Prints, as JSON, what the browser tests should visit on a freshly loaded demo site:
one live page of every page type in every language, the German-only news item, and
which apps are installed. Run with the server's environment: python -m e2e.discover"""

import json

import django


def inventory() -> dict:
    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Page

    pages = []
    seen = set()
    live = Page.objects.live().public().filter(depth__gte=2).select_related("locale")
    for page in live.order_by("path"):
        key = (page.specific_class._meta.label, page.locale.language_code)
        if key in seen or page.specific_class is None:
            continue
        seen.add(key)
        pages.append({"type": key[0], "language": key[1], "url": page.get_url()})
    untranslated = live.filter(slug="delegation-yunnan-2023").first()
    return {
        "pages": pages,
        "languages": [code for code, _name in settings.LANGUAGES],
        "untranslated": {
            "id": untranslated.pk,
            "url": untranslated.get_url(),
            "title": untranslated.title,
        }
        if untranslated
        else None,
        "apps": sorted(config.label for config in apps.get_app_configs()),
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(inventory()))
