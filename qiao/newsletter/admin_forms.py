"""Forms of the back office: sending an issue, importing subscribers."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import SubscriberStatus


class SendForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send at (Berlin time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty to send now."),
    )

    def clean_send_at(self):
        value = self.cleaned_data["send_at"]
        if value is not None and value < timezone.now():
            raise forms.ValidationError(_("Choose a time in the future, or leave it empty."))
        return value


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: email, languages (e.g. de en), topics (e.g. events news). UTF-8; "
            "separated by commas or semicolons."
        ),
    )
    consent_note = forms.CharField(
        label=_("Where and when these people consented"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MarkForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (SubscriberStatus.BOUNCED, SubscriberStatus.BOUNCED.label),
            (SubscriberStatus.INVALID, SubscriberStatus.INVALID.label),
        ]
    )
    note = forms.CharField(required=False, max_length=300)
