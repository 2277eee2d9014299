import datetime

from wagtail.rich_text import RichText

from qiao.news.models import NewsCategory, NewsIndexPage, NewsPage


def make_news_index(home, *, title="Aktuelles", slug="aktuelles"):
    index = NewsIndexPage(title=title, slug=slug, show_in_menus=True)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_news(index, *, title, date=None, body="", teaser="Kurz", categories=(), slug=None):
    page = NewsPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        teaser=teaser,
        date=date or datetime.date(2026, 11, 1),
        body=[("text", RichText(f"<p>{body}</p>"))] if body else [],
    )
    index.add_child(instance=page)
    if categories:
        page.categories.set(categories)
    page.save_revision().publish()
    return page


def translate_news(page, locale, **fields):
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return NewsPage.objects.get(pk=translated.pk)


def make_category(locale, *, name="Besuche", slug="visits"):
    return NewsCategory.objects.create(name=name, slug=slug, locale=locale)
