from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import AppointmentsViewSet
from .models import Advisor, AvailabilityRule, BlockedDay, Slot, Topic


class DatePickerMixin:
    """Dates and times with the back office's date pickers, as on Wagtail's own forms,
    instead of bare text boxes that do not say which format they expect."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        return formfield_for_dbfield(db_field, **kwargs)


class TopicViewSet(ModelViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 200
    list_display = ["name", "slug", "slot_minutes", "is_active"]
    form_fields = [
        "slug",
        "name_de",
        "name_en",
        "name_zh",
        "slot_minutes",
        "sort_order",
        "is_active",
    ]


class AdvisorViewSet(ModelViewSet):
    model = Advisor
    icon = "user"
    menu_label = _("Advisors")
    menu_order = 300
    list_display = ["name", "email", "is_active"]
    form_fields = ["user", "name", "email", "is_active"]


class AvailabilityRuleViewSet(DatePickerMixin, ModelViewSet):
    model = AvailabilityRule
    icon = "time"
    menu_label = _("Weekly hours")
    menu_order = 400
    list_display = ["advisor", "topic", "weekday", "start_time", "end_time", "mode", "valid_until"]
    list_filter = ["advisor", "topic", "weekday"]
    form_fields = [
        "advisor",
        "topic",
        "weekday",
        "start_time",
        "end_time",
        "valid_from",
        "valid_until",
        "mode",
        "room",
        "online_link",
    ]


class BlockedDayViewSet(DatePickerMixin, ModelViewSet):
    model = BlockedDay
    icon = "cross"
    menu_label = _("Holidays and blocked days")
    menu_order = 500
    list_display = ["date", "advisor", "reason"]
    form_fields = ["date", "advisor", "reason"]


class SlotViewSet(DatePickerMixin, ModelViewSet):
    model = Slot
    icon = "time"
    menu_label = _("Single slots")
    menu_order = 600
    list_display = ["starts_at", "topic", "advisor", "mode"]
    list_filter = ["topic", "advisor", "mode"]
    form_fields = ["advisor", "topic", "starts_at", "mode", "room", "online_link"]
    ordering = ["-starts_at"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "starts_at":
            # Times are entered, like the weekly hours, in Berlin time.
            kwargs["label"] = _("Start (Berlin)")
        return super().formfield_for_dbfield(db_field, **kwargs)


class AdvisingGroup(ViewSetGroup):
    menu_label = _("Advising")
    menu_icon = "help"
    menu_order = 300
    items = (
        AppointmentsViewSet("advising_appointments"),
        TopicViewSet("advising_topics"),
        AdvisorViewSet("advising_advisors"),
        AvailabilityRuleViewSet("advising_rules"),
        BlockedDayViewSet("advising_blocked_days"),
        SlotViewSet("advising_slots"),
    )


@hooks.register("register_admin_viewset")
def register_advising_viewsets():
    return AdvisingGroup()


@hooks.register("register_log_actions")
def register_advising_log_actions(actions):
    actions.register_action(
        "advising.booking.status", _("Change booking status"), _("Booking status changed")
    )
    actions.register_action("advising.booking.note", _("Write note"), _("Note written"))
