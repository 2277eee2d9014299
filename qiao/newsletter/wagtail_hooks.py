from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import Button

from . import admin_views
from .access import can_manage_subscribers, can_send_issues
from .models import NewsletterIssuePage


class SubscribersMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_subscribers(request.user)


class NewsletterViewSet(ViewSet):
    name = admin_views.URL_NAMESPACE
    url_prefix = "newsletter"
    icon = "mail"
    menu_label = _("Newsletter subscribers")
    menu_item_class = SubscribersMenuItem
    menu_order = 940
    add_to_admin_menu = True

    @property
    def menu_url(self):
        return reverse(self.get_url_name("subscribers"))

    def get_urlpatterns(self):
        return [
            path("subscribers/", admin_views.subscriber_list, name="subscribers"),
            path("subscribers/import/", admin_views.subscriber_import, name="import"),
            path("subscribers/export/", admin_views.subscriber_export, name="export"),
            path("subscribers/<int:subscriber_id>/mark/", admin_views.subscriber_mark, name="mark"),
            path(
                "subscribers/<int:subscriber_id>/erase/", admin_views.subscriber_erase, name="erase"
            ),
            path("issues/<int:page_id>/send/", admin_views.issue_send, name="send"),
            path("issues/<int:page_id>/test/", admin_views.issue_test, name="test"),
            path("sendings/<int:sending_id>/", admin_views.sending_detail, name="sending"),
            path("sendings/<int:sending_id>/cancel/", admin_views.sending_cancel, name="cancel"),
        ]


@hooks.register("register_admin_viewset")
def register_newsletter_viewset():
    return NewsletterViewSet()


def _send_button(page, user, priority):
    if isinstance(page.specific_deferred, NewsletterIssuePage) and can_send_issues(user):
        yield Button(
            _("Test or send"),
            url=reverse("newsletter_admin:send", args=[page.pk]),
            icon_name="mail",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def issue_header_buttons(page, user, view_name, next_url=None):
    yield from _send_button(page, user, 5)


@hooks.register("register_page_listing_more_buttons")
def issue_listing_buttons(page, user, next_url=None):
    yield from _send_button(page, user, 1)


@hooks.register("register_log_actions")
def register_newsletter_log_actions(actions):
    actions.register_action(
        "newsletter.scheduled", _("Newsletter issue sent or scheduled"), _("Issue sent")
    )
    actions.register_action("newsletter.imported", _("Subscriber imported"), _("Imported"))
    actions.register_action(
        "newsletter.marked_undeliverable",
        _("Subscriber marked as bounced or invalid"),
        _("Marked undeliverable"),
    )
