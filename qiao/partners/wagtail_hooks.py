"""The partner network in the Wagtail admin: institutions, agreements (with the list of
those expiring soon), delegation visits (with their printable programme sheets)."""

import django_filters
from django import forms
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import access
from .models import Agreement, DelegationVisit, Institution

EXPIRING_CHOICES = [
    ("30", _("within 30 days")),
    ("90", _("within 90 days")),
    ("180", _("within 180 days")),
    ("expired", _("already expired")),
]


class AgreementFilterSet(WagtailFilterSet):
    expiring = django_filters.ChoiceFilter(
        label=_("Ends"),
        choices=EXPIRING_CHOICES,
        method="filter_expiring",
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Agreement
        fields = ["type", "automatic_renewal", "partners"]

    def filter_expiring(self, queryset, name, value):
        today = timezone.localdate()
        if value == "expired":
            return queryset.filter(valid_until__lt=today)
        return queryset.expiring_within(int(value), today=today).order_by("valid_until")


class DaysLeftColumn(Column):
    def get_value(self, instance):
        days = instance.days_left()
        if days is None:
            return _("open-ended")
        return days


class RemindersSentColumn(Column):
    """The renewal reminders sent for the current end date, e.g. "180, 90"."""

    def get_value(self, instance):
        sent = sorted(
            (
                alert.days_before
                for alert in instance.renewal_alerts.all()
                if alert.sent_at and alert.valid_until == instance.valid_until
            ),
            reverse=True,
        )
        return ", ".join(str(days) for days in sent) or "–"


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "site"
    menu_label = _("Institutions")
    list_display = ["name_en", "name_zh", "type", "city", "province", "is_public"]
    list_filter = ["type", "province", "is_public"]
    search_fields = ["name_de", "name_en", "name_zh", "short_name", "city"]
    ordering = ["name_en"]


class AgreementViewSet(SnippetViewSet):
    model = Agreement
    icon = "doc-full"
    menu_label = _("Agreements")
    list_display = [
        "title",
        "type",
        "valid_from",
        "valid_until",
        DaysLeftColumn("days_left", label=_("Days left")),
        "automatic_renewal",
        "responsible",
        RemindersSentColumn("reminders", label=_("Reminders sent (days before)")),
    ]
    filterset_class = AgreementFilterSet
    search_fields = ["title", "scope"]

    def get_queryset(self, request):
        return Agreement.objects.select_related("responsible").prefetch_related("renewal_alerts")


class DelegationVisitViewSet(SnippetViewSet):
    model = DelegationVisit
    icon = "group"
    menu_label = _("Delegation visits")
    list_display = ["title_de", "direction", "starts_on", "ends_on"]
    list_filter = ["direction"]
    search_fields = ["title_de", "title_en", "title_zh", "hosts"]


class AgreementsMenuItem(MenuItem):
    """Shown only to those who may open the agreements it lists."""

    def is_shown(self, request):
        return access.can_view_agreements(request.user)


class PartnerNetworkGroup(SnippetViewSetGroup):
    items = (InstitutionViewSet, AgreementViewSet, DelegationVisitViewSet)
    menu_icon = "globe"
    menu_label = _("Partner network")
    menu_name = "partner-network"
    menu_order = 250

    def get_submenu_items(self):
        expiring_url = format_lazy(
            "{}?expiring=180", reverse_lazy("wagtailsnippets_partners_agreement:list")
        )
        return [
            *super().get_submenu_items(),
            AgreementsMenuItem(
                _("Agreements expiring soon"),
                expiring_url,
                name="agreements-expiring",
                icon_name="warning",
                order=1000,
            ),
        ]


register_snippet(PartnerNetworkGroup)


def visit_sheet_url(visit, language: str, name: str = "partners:visit_sheet_pdf") -> str:
    with translation.override(language):
        return reverse(name, args=[visit.pk])


@hooks.register("register_snippet_listing_buttons")
def visit_sheet_buttons(snippet, user, next_url=None):
    if isinstance(snippet, DelegationVisit) and access.can_view_visits(user):
        yield ListingButton(
            _("Programme sheet (German)"), visit_sheet_url(snippet, "de"), priority=60
        )
        yield ListingButton(
            _("Programme sheet (Chinese)"), visit_sheet_url(snippet, "zh-hans"), priority=61
        )


@hooks.register("qiao_search")
def search_partners(request, query: str) -> list[dict]:
    """Partners for the site search, linked to their page under this language's
    partner overview."""
    from .models import PartnerIndexPage
    from .queries import search_institutions

    index = PartnerIndexPage.objects.live().public().filter(locale=Locale.get_active()).first()
    if index is None:
        return []
    base = index.get_url(request)
    return [
        {
            "title": institution.name,
            "url": f"{base}{institution.slug}/",
            "description": institution.description,
        }
        for institution in search_institutions(query)
    ]
