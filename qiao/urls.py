from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from qiao.accounts import views as accounts_views
from qiao.core import views as core_views
from qiao.core.documents import serve_document
from qiao.core.i18n import i18n_patterns
from qiao.news import feeds
from qiao.newsletter.feeds import IssueFeed

urlpatterns = [
    path("", core_views.root_redirect, name="root"),
    # Staff sign in through allauth (verified address, rate limits, second factor).
    path("admin/login/", accounts_views.admin_login, name="admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    # CMS documents always as downloads in a sandbox (see qiao.core.documents).
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("theme.css", core_views.theme_css, name="theme_css"),
    path("sitemap.xml", core_views.sitemap_xml, name="sitemap_xml"),
    path("favicon.ico", RedirectView.as_view(url="/static/core/favicon.ico", permanent=True)),
]

urlpatterns += i18n_patterns(
    path("search/", core_views.search, name="search"),
    path("sitemap/", core_views.sitemap_page, name="sitemap"),
    path("not-translated/<int:page_id>/", core_views.not_translated, name="not_translated"),
    path("verify/", core_views.verify, name="verify"),
    path("verify/<str:code>/", core_views.verify, name="verify_code"),
    path("news/feed/rss/", feeds.NewsRssFeed(), name="news_feed_rss"),
    path("news/feed/atom/", feeds.NewsAtomFeed(), name="news_feed_atom"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("qiao.accounts.urls")),
    path("event-registration/", include("qiao.events.urls")),
    path("applications/", include("qiao.mobility.urls")),
    path("appointments/", include("qiao.advising.urls")),
    path("partner-network/", include("qiao.partners.urls")),
    path("newsletter-subscription/", include("qiao.newsletter.urls")),
    path("newsletter/feed/", IssueFeed(), name="newsletter_feed"),
    # Wagtail's page tree comes last: it answers every other address.
    path("", include(wagtail_urls)),
)

if settings.DEBUG:
    from django.conf.urls.static import static as media_static

    urlpatterns = media_static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler404 = "qiao.core.views.page_not_found"
handler500 = "qiao.core.views.server_error"
