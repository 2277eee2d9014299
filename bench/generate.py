"""Adds volume to a database that has the demo content: news items in German, each
translated into English and Chinese (same translation key), spread over ten years.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.generate --news 10000

Pages are written directly with their tree paths (treebeard's add_child, one at a time,
would take many minutes for tens of thousands of pages); the result is a normal page tree.
"""

import argparse
import datetime
import random
import time
import uuid

import django

WORDS = (
    "Austausch Hochschule Kooperation Delegation Studierende Forschung Sommerschule Vertrag "
    "Besuch Stipendium Sprache Kultur Ingenieurwesen Energie Rohstoffe Partner Programm"
).split()


def _paths(parent, count: int):
    """The next ``count`` child paths under ``parent`` (treebeard's base-36 steps)."""
    from wagtail.models import Page

    last = parent.get_last_child()
    start = int(last.path[-Page.steplen :], 36) + 1 if last else 1
    for number in range(start, start + count):
        step = ""
        value = number
        while value:
            value, digit = divmod(value, 36)
            step = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + step
        yield parent.path + step.rjust(Page.steplen, "0")


def generate_news(count: int, seed: int = 7) -> None:
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from qiao.news.models import NewsCategory, NewsIndexPage, NewsPage

    rng = random.Random(seed)
    indexes = {
        page.locale.language_code: page
        for page in NewsIndexPage.objects.select_related("locale").filter(live=True)
    }
    today = datetime.date(2026, 11, 1)
    with transaction.atomic():
        for code, index in indexes.items():
            categories = list(NewsCategory.objects.filter(locale=index.locale))
            rng_local = random.Random(seed)
            created = []
            for number, path in enumerate(_paths(index, count)):
                words = rng_local.sample(WORDS, 6)
                title = f"{' '.join(words[:4]).capitalize()} {number} ({code})"
                page = NewsPage(
                    title=title,
                    slug=f"bench-{number}",
                    teaser=" ".join(rng_local.choices(WORDS, k=30)),
                    body=[
                        ("paragraph", "<p>" + " ".join(rng_local.choices(WORDS, k=120)) + "</p>")
                    ],
                    date=today - datetime.timedelta(days=rng_local.randrange(3650)),
                    locale=index.locale,
                    translation_key=uuid.UUID(int=number + 1),
                    path=path,
                    depth=index.depth + 1,
                    numchild=0,
                    live=True,
                    first_published_at=timezone.now(),
                    last_published_at=timezone.now(),
                    url_path=f"{index.url_path}bench-{number}/",
                    draft_title=title,
                )
                page.save(clean=False)
                created.append(page)
                if categories and number % 3 == 0:
                    page.categories.set([rng.choice(categories)])
            Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(created))
            index.refresh_from_db()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--news", type=int, default=10_000, help="news items per language")
    args = parser.parse_args()
    django.setup()

    began = time.monotonic()
    generate_news(args.news)
    print(f"generated {args.news} news items in each language in {time.monotonic() - began:.0f} s")
