"""The back office's home page: one panel per area, shown to the roles that work in it."""

from django.contrib.auth.models import AnonymousUser
from wagtail.admin.ui.components import Component

from qiao.advising.access import can_manage_bookings
from qiao.events.access import can_manage_registrations
from qiao.mobility.access import is_coordinator
from qiao.partners.access import can_view_agreements

from . import dashboard

CONTACT_PERMISSION = "core.view_contactmessage"


class DashboardPanel(Component):
    def __init__(self, user=None):
        self.user = user or AnonymousUser()

    @classmethod
    def is_shown_to(cls, user) -> bool:
        raise NotImplementedError


class EventsPanel(DashboardPanel):
    name = "reports_events"
    order = 20
    template_name = "reports/admin/dashboard/events.html"

    @classmethod
    def is_shown_to(cls, user):
        return can_manage_registrations(user)

    def get_context_data(self, parent_context=None):
        return {"events": dashboard.next_events()}


class CallsPanel(DashboardPanel):
    name = "reports_calls"
    order = 30
    template_name = "reports/admin/dashboard/calls.html"

    @classmethod
    def is_shown_to(cls, user):
        return is_coordinator(user)

    def get_context_data(self, parent_context=None):
        return {"calls": dashboard.open_calls()}


class AdvisingPanel(DashboardPanel):
    name = "reports_advising"
    order = 40
    template_name = "reports/admin/dashboard/advising.html"

    @classmethod
    def is_shown_to(cls, user):
        return can_manage_bookings(user)

    def get_context_data(self, parent_context=None):
        return {"days": dashboard.advising_days()}


class AgreementsPanel(DashboardPanel):
    name = "reports_agreements"
    order = 50
    template_name = "reports/admin/dashboard/agreements.html"

    @classmethod
    def is_shown_to(cls, user):
        return can_view_agreements(user)

    def get_context_data(self, parent_context=None):
        count, agreements = dashboard.expiring_agreements()
        return {"count": count, "agreements": agreements, "days": dashboard.AGREEMENT_DAYS}


class ContactPanel(DashboardPanel):
    name = "reports_contact"
    order = 60
    template_name = "reports/admin/dashboard/contact.html"

    @classmethod
    def is_shown_to(cls, user):
        return bool(user.is_active and user.has_perm(CONTACT_PERMISSION))

    def get_context_data(self, parent_context=None):
        return {"inbox": dashboard.contact_inbox()}


PANELS = [EventsPanel, CallsPanel, AdvisingPanel, AgreementsPanel, ContactPanel]


def panels_for(user) -> list[DashboardPanel]:
    return [panel(user) for panel in PANELS if panel.is_shown_to(user)]
