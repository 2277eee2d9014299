"""RSS and Atom feeds of the news, one per language."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from qiao.core.i18n import html_lang
from qiao.core.models import CentreSettings

from .queries import latest_news

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.language = html_lang(translation.get_language())
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("News – %(centre)s") % {"centre": CentreSettings.load().name}

    def description(self):
        return self.title()

    def link(self):
        site = Site.find_for_request(self.request)
        home = site.root_page.localized if site else None
        return home.url if home else "/"

    def items(self):
        return latest_news(Locale.get_active(), limit=FEED_LENGTH)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
