from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from qiao.newsletter.forms import opt_in_field

from .enums import PersonStatus
from .models import Slot


class SlotForm(forms.Form):
    """The choice of a time among the free slots shown (rendered by hand, grouped by day)."""

    slot = forms.IntegerField(
        error_messages={
            "required": _("Please choose a time."),
            "invalid": _("Please choose a time."),
        }
    )

    def __init__(self, *args, free_slots=(), topic=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.free_slots = {slot.pk: slot for slot in free_slots}
        self.topic = topic

    def clean_slot(self):
        pk = self.cleaned_data["slot"]
        slot = self.free_slots.get(pk)
        if slot is not None:
            return slot
        if Slot.objects.filter(pk=pk, topic=self.topic).exists():
            raise forms.ValidationError(
                _("Sorry, this time was just taken. Please choose another one."), code="taken"
            )
        raise forms.ValidationError(_("Please choose one of the times shown."), code="invalid")


class BookerForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a link to confirm the appointment."),
    )
    person_status = forms.ChoiceField(
        label=_("You are"),
        choices=[("", _("Please choose")), *PersonStatus.choices],
        error_messages={"required": _("Please tell us who you are.")},
    )
    question = forms.CharField(
        label=_("Your question in a few words"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("So that the advisor can prepare (at most 1000 characters)."),
    )
    privacy = forms.BooleanField(
        # The label names the retention period set in ADVISING_RETENTION_DAYS (__init__).
        error_messages={"required": _("Please agree, otherwise we cannot book the appointment.")},
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    newsletter = opt_in_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        days = settings.ADVISING_RETENTION_DAYS
        self.fields["privacy"].label = ngettext(
            "I agree that my details are stored to arrange the appointment and deleted "
            "%(days)d day after it at the latest.",
            "I agree that my details are stored to arrange the appointment and deleted "
            "%(days)d days after it at the latest.",
            days,
        ) % {"days": days}

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""


class StaffNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note after the meeting (staff only)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
