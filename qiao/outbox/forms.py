from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import EmailStatus
from .models import OutgoingEmail


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + EmailStatus.choices
    )
    purpose = forms.ChoiceField(label=_("Purpose"), required=False)
    q = forms.CharField(label=_("Address or subject"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        purposes = OutgoingEmail.objects.order_by("purpose").values_list("purpose", flat=True)
        self.fields["purpose"].choices = [("", _("All"))] + [
            (purpose, purpose) for purpose in purposes.distinct()
        ]
