"""The archive's feed: the sent issues of one language."""

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from qiao.core.models import CentreSettings

from . import queries

FEED_LENGTH = 20


class IssueFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.language = translation.get_language()
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Newsletter – %(centre)s") % {"centre": CentreSettings.load().name}

    def subtitle(self):
        return self.title()

    def link(self):
        archive = queries.archive_page()
        return archive.get_url(self.request) if archive else "/"

    def items(self):
        return queries.archived_issues(Locale.get_active())[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.sent_at

    def item_updateddate(self, item):
        return item.last_published_at or item.sent_at
