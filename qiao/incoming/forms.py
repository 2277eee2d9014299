from django import forms
from django.utils.translation import gettext_lazy as _

from qiao.mobility.uploads import check_document

from .models import Participant
from .services import OWN_DETAIL_FIELDS


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster (XLSX or CSV)"),
        help_text=_(
            "Made from the template: one row per person, dates as YYYY-MM-DD, role "
            "student, lecturer or staff. A file with any error imports nobody."
        ),
    )


class OwnDetailsForm(forms.ModelForm):
    """What a participant completes or corrects on their personal page."""

    class Meta:
        model = Participant
        fields = OWN_DETAIL_FIELDS
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "passport_expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "insurance_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "visa_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "arrival_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {
            "arrival_at": _("Date and time of arrival in Germany, in German time."),
        }


class PassportForm(forms.Form):
    passport_page = forms.FileField(
        label=_("Passport page with your photo"),
        help_text=_("PDF, JPEG or PNG."),
    )

    def clean_passport_page(self):
        uploaded = self.cleaned_data["passport_page"]
        self.content_type = check_document(uploaded)
        return uploaded
