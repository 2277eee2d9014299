"""Keeps what is cached from published content fresh: whatever can change the menu, the
footer, the brand or a list of pages moves the content version on
(qiao.core.services.bump_content_version)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CentreSettings
from .services import bump_content_version


def _bump(**kwargs) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    bump_content_version()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_bump, dispatch_uid=f"qiao-content-{signal!r}")
    # Deleting any page deletes its Page row, so one receiver covers every page type.
    post_delete.connect(_bump, sender=Page, dispatch_uid="qiao-content-page-delete")
    for model in (CentreSettings, PageViewRestriction, Site, Locale):
        for signal in (post_save, post_delete):
            signal.connect(_bump, sender=model, dispatch_uid=f"qiao-content-{model.__name__}")
