"""Publishes a new title for one page, as an editor does in the back office; prints JSON
with the new title. Used by bench/production.py to check that both server processes show
a publication on the next request.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.publish --url /de/aktuelles/
"""

import argparse
import json
import time

import django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="the page's address, e.g. /de/aktuelles/")
    args = parser.parse_args()
    django.setup()
    from wagtail.models import Page

    page = next(
        page.specific
        for page in Page.objects.live().filter(url_path__endswith=args.url.split("/", 2)[2])
        if page.url == args.url
    )
    page.title = f"{page.title.split(' [')[0]} [{time.strftime('%H:%M:%S')}]"
    page.save_revision().publish()
    print(json.dumps({"title": page.title, "published_at": time.time()}))


if __name__ == "__main__":
    main()
