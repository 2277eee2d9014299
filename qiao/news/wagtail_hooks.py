from django.urls import include, path
from wagtail import hooks

from . import admin_views

admin_urls = [
    path("tags/<int:locale_id>/", admin_views.tag_autocomplete, name="tag_autocomplete"),
]


@hooks.register("register_admin_urls")
def register_news_admin_urls():
    return [path("news/", include((admin_urls, "news_admin")))]
