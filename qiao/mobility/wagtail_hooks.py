from django.urls import include, path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import access, admin_funding, admin_views, services
from .admin_forms import CallAdminForm
from .models import Call, StatusEmailText


class CallCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        services.welcome_new_reviewers(instance, previous_ids=set())
        return instance


class CallEditView(EditView):
    def save_instance(self):
        # A change of places goes through the service: it checks and fills from the waitlist.
        new_places = self.form.cleaned_data["places"]
        instance = self.form.save(commit=False)
        previous_reviewers = set(instance.reviewers.values_list("pk", flat=True))
        instance.places = Call.objects.get(pk=instance.pk).places
        instance.save()
        self.form.save_m2m()
        services.welcome_new_reviewers(instance, previous_ids=previous_reviewers)
        if new_places != instance.places:
            services.change_places(instance, places=new_places, actor=self.request.user)
            instance.refresh_from_db()
        return instance


class CallViewSet(ModelViewSet):
    model = Call
    icon = "form"
    menu_label = _("Calls")
    add_to_admin_menu = False
    menu_order = 260
    add_view_class = CallCreateView
    edit_view_class = CallEditView
    list_display = ["title_de", "programme", "opens_at", "closes_at", "places"]
    search_fields = ["title_de", "title_en", "title_zh"]
    edit_handler = ObjectList(Call.panels, base_form_class=CallAdminForm)


class StatusEmailTextViewSet(SnippetViewSet):
    model = StatusEmailText
    icon = "mail"
    menu_label = _("Status e-mails")
    add_to_admin_menu = False
    menu_order = 260
    list_display = ["status"]


call_viewset = CallViewSet("mobility_calls")


@hooks.register("register_admin_viewset")
def register_call_viewset():
    return call_viewset


register_snippet(StatusEmailTextViewSet)

admin_urls = [
    path("", admin_views.call_overview, name="calls"),
    path("call/<int:call_id>/", admin_views.call_applications, name="applications"),
    path(
        "call/<int:call_id>/export.csv",
        admin_views.call_export,
        {"file_format": "csv"},
        name="export_csv",
    ),
    path(
        "call/<int:call_id>/export.xlsx",
        admin_views.call_export,
        {"file_format": "xlsx"},
        name="export_xlsx",
    ),
    path("call/<int:call_id>/bulk-status/", admin_views.bulk_status, name="bulk_status"),
    path(
        "call/<int:call_id>/nominations.xlsx",
        admin_views.nominations_export,
        {"file_format": "xlsx"},
        name="nominations_xlsx",
    ),
    path(
        "call/<int:call_id>/nominations.json",
        admin_views.nominations_export,
        {"file_format": "json"},
        name="nominations_json",
    ),
    path("call/<int:call_id>/selection/", admin_views.selection, name="selection"),
    path("call/<int:call_id>/funding/", admin_funding.call_funding, name="funding"),
    path(
        "call/<int:call_id>/funding/<int:application_id>/grant/",
        admin_funding.grant_approve,
        name="grant_approve",
    ),
    path(
        "call/<int:call_id>/grants/<int:grant_id>/",
        admin_funding.grant_status,
        name="grant_status",
    ),
    path("call/<int:call_id>/grants.xlsx", admin_funding.grants_export, name="grants_xlsx"),
    path("application/<int:pk>/", admin_views.application, name="application"),
    path("application/<int:pk>/bundle/", admin_views.bundle_request, name="bundle_request"),
    path("application/<int:pk>/waive/", admin_views.waive, name="waive"),
    path("reports/", admin_views.reports, name="reports"),
    path("reports/<int:report_id>/review/", admin_views.report_review, name="report_review"),
    path("application/<int:pk>/bundle.pdf", admin_views.bundle, name="bundle"),
]


@hooks.register("register_admin_urls")
def register_mobility_admin_urls():
    return [path("mobility/", include((admin_urls, "mobility_admin")))]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_mobility_menu_item():
    return CoordinatorMenuItem(
        _("Applications"), reverse("mobility_admin:calls"), icon_name="form", order=250
    )


class ReviewerMenuItem(MenuItem):
    """Reviewers score applications on the review pages of the site; this takes those who
    also use the back office there."""

    def is_shown(self, request):
        return access.reviewable_calls(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewerMenuItem(
        _("My reviews"), reverse_lazy("mobility:review_calls"), icon_name="tasks", order=251
    )


@hooks.register("qiao_search")
def search_calls(request, query: str) -> list[dict]:
    """Calls for the site search, linked to their place on the programme's page."""
    from wagtail.models import Locale

    from .queries import search_calls

    return [
        {
            "title": call.title,
            "url": f"{page.get_url(request)}#call-{call.pk}",
            "description": page.title,
        }
        for call, page in search_calls(query, Locale.get_active())
    ]


@hooks.register("register_log_actions")
def register_grant_log_actions(actions):
    for action, label in (
        ("mobility.grant.offered", _("Grant offered")),
        ("mobility.grant.over_budget", _("Grant over the budget (reason given)")),
        ("mobility.grant.accepted", _("Grant accepted")),
        ("mobility.grant.paid", _("Grant paid")),
        ("mobility.grant.reclaimed", _("Grant reclaimed")),
        ("mobility.grant.cancelled", _("Grant cancelled")),
        ("mobility.eligibility.waived", _("Eligibility rule waived")),
        ("mobility.report.published", _("Experience report published")),
        ("mobility.report.returned", _("Experience report returned")),
    ):
        actions.register_action(action, label, label)
