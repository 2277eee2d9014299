"""The editor form of an event page: before a publish that changes the time or place,
the editor is told how many participants can be e-mailed and decides whether they are."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm

NOTIFY_CHOICES = [
    ("yes", _("Yes, e-mail them the new time and place")),
    ("no", _("No, publish without e-mail (for example, a typo fixed)")),
]


class EventPageForm(WagtailAdminPageForm):
    notify_participants = forms.ChoiceField(
        label=_("Tell participants about a changed time or place?"),
        choices=NOTIFY_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        count = self._audience_size()
        self.fields["notify_participants"].help_text = ngettext(
            "When you publish a change of time or place, %(count)d participant "
            "(confirmed, checked in or waitlisted) can be told by e-mail.",
            "When you publish a change of time or place, %(count)d participants "
            "(confirmed, checked in or waitlisted) can be told by e-mail.",
            count,
        ) % {"count": count}

    def _is_source_event(self) -> bool:
        page = self.instance
        return bool(page.pk) and page.source_event.pk == page.pk

    def _audience_size(self) -> int:
        if not self._is_source_event():
            return 0
        from .queries import schedule_notice_audience

        return schedule_notice_audience(self.instance).count()

    def clean(self):
        cleaned = super().clean()
        if "action-publish" not in self.data or not self._is_source_event():
            return cleaned
        from .queries import schedule_differs_from_announced

        new_schedule = {key: cleaned.get(key) for key in ("start", "end", "place", "address")}
        if cleaned.get("notify_participants") or not schedule_differs_from_announced(
            self.instance, new_schedule
        ):
            return cleaned
        count = self._audience_size()
        if count:
            self.add_error(
                "notify_participants",
                ngettext(
                    "You changed the time or place. %(count)d participant can be told by "
                    "e-mail: choose whether to send it.",
                    "You changed the time or place. %(count)d participants can be told by "
                    "e-mail: choose whether to send it.",
                    count,
                )
                % {"count": count},
            )
        return cleaned
