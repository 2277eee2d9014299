from django import forms
from django.utils.translation import gettext_lazy as _


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster (XLSX or CSV)"),
        help_text=_(
            "Made from the template: one row per person, dates as YYYY-MM-DD, role "
            "student, lecturer or staff. A file with any error imports nobody."
        ),
    )
