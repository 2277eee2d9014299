from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .enums import HOLDS_PLACE, ApplicationStatus, DocumentType, EligibilityRule, GrantStatus


class CallAdminForm(WagtailAdminModelForm):
    required_documents = forms.MultipleChoiceField(
        label=_("Required documents"),
        choices=DocumentType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "reviewers" in self.fields:
            # Reviewers are staff and lecturers, never applicants; each shown by name and
            # e-mail, not by the login name.
            current = self.instance.reviewers.all() if self.instance.pk else []
            field = self.fields["reviewers"]
            field.queryset = (
                get_user_model()
                .objects.filter(
                    Q(is_active=True, mobility_applications__isnull=True) | Q(pk__in=current)
                )
                .distinct()
                .order_by("last_name", "first_name", "email")
            )
            field.label_from_instance = _reviewer_label
            field.help_text = _(
                "Tick everyone who reviews this call; ticking one keeps the others. People "
                "who have applied for a programme are not offered."
            )
            # A list of checkboxes: a plain click in a multiple select drops the others.
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)

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


def _reviewer_label(user) -> str:
    name = user.get_full_name()
    return f"{name} <{user.email}>" if name else user.email or user.get_username()


class BulkStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ApplicationStatus.choices)
    note = forms.CharField(label=_("Note to the applicants"), required=False, max_length=2000)


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + ApplicationStatus.choices, required=False
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class SelectionForm(forms.Form):
    """The coordinator's confirmation of the selection shown to them."""

    reply_by = forms.DateTimeField(
        label=_("Reply by"),
        help_text=_("Berlin time. Offers not answered by then expire."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    plan = forms.CharField(widget=forms.HiddenInput, max_length=10000)

    def clean_reply_by(self):
        from django.utils import timezone

        reply_by = self.cleaned_data["reply_by"]
        if reply_by <= timezone.now():
            raise forms.ValidationError(_("The reply-by date must be in the future."))
        return reply_by


class GrantForm(forms.Form):
    """A grant for one participant; the call's amounts per person are the initial values."""

    flight = forms.DecimalField(label=_("Flight"), min_value=0, max_digits=10, decimal_places=2)
    visa = forms.DecimalField(label=_("Visa"), min_value=0, max_digits=10, decimal_places=2)
    stipend = forms.DecimalField(label=_("Stipend"), min_value=0, max_digits=10, decimal_places=2)
    flat_rate = forms.DecimalField(
        label=_("Flat rates"), min_value=0, max_digits=10, decimal_places=2
    )
    override_reason = forms.CharField(
        label=_("Reason for exceeding the budget"),
        required=False,
        max_length=2000,
        help_text=_("Only needed when the grant takes the commitments over the budget."),
    )

    def parts(self) -> dict:
        names = ("flight", "visa", "stipend", "flat_rate")
        return {name: self.cleaned_data[name] for name in names}


class GrantStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[])
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Paid: empty for the whole grant. Reclaimed: the amount reclaimed."),
    )
    on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in GrantStatus.choices if value in targets
        ]


class WaiverForm(forms.Form):
    rule = forms.ChoiceField(label=_("Rule"), choices=EligibilityRule.choices)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
