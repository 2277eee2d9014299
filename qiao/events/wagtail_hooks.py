from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from . import admin_views, services
from .access import can_manage_registrations
from .forms import SessionChangeNoticeMixin
from .models import EventPage, EventSession, RegistrationQuestion


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_registrations(request.user)


class RegistrationsViewSet(ViewSet):
    """Registrations per event: lists, moves, check-in, exports, e-mail."""

    name = admin_views.URL_NAMESPACE
    url_prefix = "events/registrations"
    icon = "date"
    menu_label = _("Registrations")
    menu_item_class = RegistrationsMenuItem

    @property
    def menu_url(self):
        return reverse(self.get_url_name("index"))

    def get_urlpatterns(self):
        return [
            path("", admin_views.event_list, name="index"),
            path("<int:event_id>/", admin_views.event_registrations, name="event"),
            path("<int:event_id>/add/", admin_views.add_registration, name="add"),
            path("<int:event_id>/email/", admin_views.email_participants, name="email"),
            path("<int:event_id>/fill/", admin_views.fill_free_seats, name="fill"),
            path("<int:event_id>/check-in-list/", admin_views.check_in_list, name="check_in_list"),
            path("<int:event_id>/check-in/", admin_views.check_in_page, name="check_in"),
            path("<int:event_id>/sessions/", admin_views.sessions_overview, name="sessions"),
            path("<int:event_id>/survey/", admin_views.survey_results, name="survey"),
            path("<int:event_id>/invitations/", admin_views.invitations, name="invitations"),
            path(
                "<int:event_id>/invitations/remind/",
                admin_views.remind_invitees,
                name="remind_invitees",
            ),
            path(
                "<int:event_id>/certificates/",
                admin_views.issue_certificates,
                name="certificates",
            ),
            path(
                "registration/<int:registration_id>/certificate.pdf",
                admin_views.download_certificate,
                name="certificate",
            ),
            path(
                "<int:event_id>/sessions/<int:session_id>/",
                admin_views.session_participants,
                name="session",
            ),
            path(
                "<int:event_id>/export.<str:file_format>",
                admin_views.export,
                name="export",
            ),
            path(
                "registration/<int:registration_id>/",
                admin_views.registration_action,
                name="action",
            ),
            path(
                "registration/<int:registration_id>/past-capacity/",
                admin_views.confirm_past_capacity,
                name="past_capacity",
            ),
        ]


class EventSessionEditView(generic.EditView):
    """Saving a session whose time or place changed tells its participants, if asked."""

    def save_instance(self):
        previous = EventSession.objects.get(pk=self.object.pk)
        session = super().save_instance()
        told = services.announce_session_change(
            session,
            previous=previous,
            notify=self.form.cleaned_data.get("notify_participants", False),
            by=self.request.user,
        )
        if told:
            messages.info(
                self.request,
                ngettext(
                    "%(count)d participant of this session was told about the change.",
                    "%(count)d participants of this session were told about the change.",
                    told,
                )
                % {"count": told},
            )
        return session


class EventSessionViewSet(ModelViewSet):
    model = EventSession
    edit_view_class = EventSessionEditView
    icon = "time"
    menu_label = _("Sessions")
    list_display = ["title_de", "event", "start", "capacity_on_site", "capacity_online"]
    list_filter = ["event"]
    form_fields = [
        "event",
        "title_de",
        "title_en",
        "title_zh",
        "start",
        "end",
        "place",
        "capacity_on_site",
        "capacity_online",
    ]

    def formfield_for_dbfield(self, db_field, **kwargs):
        # Wagtail's date picker for start and end, not a bare text box without a format.
        return formfield_for_dbfield(db_field, **kwargs)

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        if not for_update:
            return form_class
        return type("EventSessionEditForm", (SessionChangeNoticeMixin, form_class), {})


class RegistrationQuestionViewSet(ModelViewSet):
    model = RegistrationQuestion
    icon = "help"
    menu_label = _("Registration questions")
    list_display = ["label_de", "event", "kind", "is_required"]
    list_filter = ["event", "kind"]
    form_fields = [
        "event",
        "label_de",
        "label_en",
        "label_zh",
        "kind",
        "choices_de",
        "choices_en",
        "choices_zh",
        "is_required",
        "sort_order",
    ]


class EventsViewSetGroup(ViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 250
    items = (
        RegistrationsViewSet,
        EventSessionViewSet("event_sessions"),
        RegistrationQuestionViewSet("registration_questions"),
    )


@hooks.register("register_admin_viewset")
def register_events_viewsets():
    return EventsViewSetGroup()


@hooks.register("register_log_actions")
def register_registration_log_actions(actions):
    for action, label in (
        ("events.registration.added", _("Registration added")),
        ("events.registration.confirmed", _("Registration confirmed")),
        ("events.registration.waitlisted", _("Moved to the waitlist")),
        ("events.registration.cancelled", _("Registration cancelled")),
        ("events.registration.attended", _("Checked in")),
        ("events.participants_emailed", _("Participants e-mailed")),
        ("events.session_changed", _("Session time or place changed")),
        ("events.registration.past_capacity", _("Seat given past the capacity")),
        ("events.certificates_issued", _("Certificates of attendance issued")),
        ("events.invitations_imported", _("Invitations imported")),
        ("events.invitees_reminded", _("Invitees reminded")),
    ):
        actions.register_action(action, label, label)


@hooks.register("after_publish_page")
def tell_participants_of_changes(request, page):
    if isinstance(page.specific, EventPage):
        # The editor form asked before publishing (see page_forms.EventPageForm).
        notify = request.POST.get("notify_participants") != "no"
        told = services.announce_schedule_change(page.specific, notify=notify)
        if told:
            messages.success(
                request,
                ngettext(
                    "%(count)d participant was told about the changed time or place.",
                    "%(count)d participants were told about the changed time or place.",
                    told,
                )
                % {"count": told},
            )


@hooks.register("register_page_listing_buttons")
def registrations_button(page, user, next_url=None):
    if isinstance(page.specific_deferred, EventPage) and can_manage_registrations(user):
        yield ListingButton(
            _("Registrations"),
            reverse("event_registrations:event", args=[page.pk]),
            priority=60,
        )
