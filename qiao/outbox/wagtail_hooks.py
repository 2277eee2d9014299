from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSet

from . import admin_views, queries
from .access import can_view_outbox


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_outbox(request.user)


class OutboxViewSet(ViewSet):
    name = admin_views.URL_NAMESPACE
    url_prefix = "outbox"
    icon = "mail"
    menu_label = _("E-mail outbox")
    menu_item_class = OutboxMenuItem
    menu_order = 950
    add_to_admin_menu = True

    @property
    def menu_url(self):
        return reverse(self.get_url_name("index"))

    def get_urlpatterns(self):
        return [
            path("", admin_views.email_list, name="index"),
            path("<int:email_id>/", admin_views.email_detail, name="detail"),
            path("<int:email_id>/send-again/", admin_views.send_again, name="send_again"),
            path("tasks/", admin_views.task_list, name="tasks"),
        ]


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet()


class QueueHealthPanel(Component):
    """On everyone's dashboard: a warning when tasks wait with no worker running (so
    nobody believes mail went out when it did not); for those who may open the outbox,
    also the e-mails that failed for good."""

    name = "queue_health"
    order = 10
    template_name = "outbox/admin/_health.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        health = queries.queue_health()
        if not can_view_outbox(self.user):
            health["failed"] = 0
        return {"health": health}


@hooks.register("construct_homepage_panels")
def add_queue_health_panel(request, panels):
    panels.insert(0, QueueHealthPanel(request.user))


@hooks.register("register_log_actions")
def register_outbox_log_actions(actions):
    actions.register_action("outbox.send_again", _("E-mail sent again"), _("E-mail sent again"))
