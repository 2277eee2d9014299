from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from . import access, views
from .models import FunderReport
from .panels import panels_for


@hooks.register("construct_homepage_summary_items", order=100)
def remove_stock_summary(request, summary_items):
    """The week at a glance replaces Wagtail's page and image counts (with no items,
    Wagtail leaves the summary out)."""
    summary_items[:] = []


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.extend(panels_for(request.user))


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/statistics/", views.statistics, name="reports_statistics"),
        path("reports/funder/", views.funder_report, name="reports_funder_report"),
        path(
            "reports/funder/<int:year>/<str:file_format>/<str:language>/",
            views.funder_report_file,
            name="reports_funder_report_file",
        ),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_view_statistics(request.user)


class FunderReportMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_create_report(request.user)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Statistics"), reverse("reports_statistics"), icon_name="table", order=10
    )


@hooks.register("register_reports_menu_item")
def register_funder_report_menu_item():
    return FunderReportMenuItem(
        _("Funder report"), reverse("reports_funder_report"), icon_name="doc-full", order=11
    )


class FunderReportViewSet(ModelViewSet):
    """The narrative of each year's report, written by staff."""

    model = FunderReport
    icon = "doc-full"
    menu_label = _("Funder report narratives")
    add_to_admin_menu = False
    list_display = ["year", "updated_at"]
    form_fields = ["year", "narrative_de", "narrative_en"]


@hooks.register("register_admin_viewset")
def register_funder_report_viewset():
    return FunderReportViewSet("reports_narratives")
