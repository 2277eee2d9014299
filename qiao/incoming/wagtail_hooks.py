"""Incoming groups in the Wagtail admin: groups (with their timetable), participants,
letter texts; and the screens with workflow (roster import, attendance, letters,
passport data) under /admin/incoming/."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import access, admin_views
from .models import Cohort, LetterText, Participant


class ParticipantCountColumn(Column):
    def get_value(self, instance):
        return f"{instance.participant_count} / {instance.capacity}"


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Groups")
    list_display = [
        "title_en",
        "partner",
        "type",
        "starts_on",
        "ends_on",
        ParticipantCountColumn("participants", label=_("Participants")),
    ]
    list_filter = ["type", "partner"]
    search_fields = ["title_de", "title_en", "title_zh"]
    ordering = ["-starts_on"]

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return Cohort.objects.select_related("partner").annotate(
            participant_count=Count("participants", filter=Q(participants__purged_at=None))
        )


class ParticipantViewSet(SnippetViewSet):
    model = Participant
    icon = "user"
    menu_label = _("Participants")
    list_display = ["name_pinyin", "name_zh", "cohort", "role", "email"]
    list_filter = ["cohort", "role"]
    search_fields = ["name_pinyin", "name_zh", "passport_name", "email"]

    def get_queryset(self, request):
        return Participant.objects.active().select_related("cohort")


class LetterTextViewSet(SnippetViewSet):
    model = LetterText
    icon = "doc-full"
    menu_label = _("Letter texts")
    list_display = ["kind", "language", "title"]


class IncomingGroup(SnippetViewSetGroup):
    items = (CohortViewSet, ParticipantViewSet, LetterTextViewSet)
    menu_icon = "group"
    menu_label = _("Incoming groups")
    menu_name = "incoming-groups"
    menu_order = 260


register_snippet(IncomingGroup)


@hooks.register("register_snippet_listing_buttons")
def cohort_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Cohort) and access.can_manage(user):
        yield ListingButton(
            _("Roster, timetable and letters"),
            reverse("incoming_admin:cohort", args=[snippet.pk]),
            priority=5,
        )


admin_urls = [
    path("group/<int:pk>/", admin_views.cohort, name="cohort"),
    path("group/<int:pk>/import/", admin_views.roster_import, name="roster_import"),
    path(
        "group/<int:pk>/session/<int:session_id>/attendance/",
        admin_views.attendance,
        name="attendance",
    ),
    path("group/<int:pk>/timetable.ics", admin_views.cohort_ics, name="cohort_ics"),
    path(
        "group/<int:pk>/letters/<str:kind>-<str:language>.zip",
        admin_views.letters_zip,
        name="letters_zip",
    ),
    path(
        "participant/<int:pk>/letter/<str:kind>-<str:language>.pdf",
        admin_views.letter,
        name="letter",
    ),
    path("participant/<int:pk>/passport/", admin_views.passport, name="passport"),
    path("participant/<int:pk>/passport/file/", admin_views.passport_file, name="passport_file"),
    path("group/<int:pk>/send-links/", admin_views.send_links, name="send_links"),
    path("roster-template.<str:extension>", admin_views.roster_template, name="roster_template"),
]


@hooks.register("register_admin_urls")
def register_incoming_admin_urls():
    return [path("incoming/", include((admin_urls, "incoming_admin")))]


@hooks.register("register_log_actions")
def register_incoming_log_actions(actions):
    for action, label in (
        ("incoming.roster_imported", _("Roster imported")),
        ("incoming.links_sent", _("Personal links sent")),
        ("incoming.attendance_recorded", _("Attendance recorded")),
        ("incoming.letters_issued", _("Letters issued")),
    ):
        actions.register_action(action, label, label)
