from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .enums import HOLDS_PLACE, ApplicationStatus, DocumentType


class CallAdminForm(WagtailAdminModelForm):
    required_documents = forms.MultipleChoiceField(
        label=_("Required documents"),
        choices=DocumentType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_places(self):
        places = self.cleaned_data["places"]
        if self.instance.pk:
            taken = self.instance.applications.filter(status__in=HOLDS_PLACE).count()
            if places < taken:
                raise forms.ValidationError(
                    _(
                        "%(taken)s places are already offered or accepted; "
                        "the number cannot be lower."
                    )
                    % {"taken": taken}
                )
        return places


class BulkStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ApplicationStatus.choices)
    note = forms.CharField(label=_("Note to the applicants"), required=False, max_length=2000)


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + ApplicationStatus.choices, required=False
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
