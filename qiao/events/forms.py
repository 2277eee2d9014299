"""The public registration form and the coordinator's forms."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from qiao.newsletter.forms import opt_in_field

from .enums import (
    Affiliation,
    ParticipationMode,
    QuestionKind,
    RegistrationMode,
    RegistrationStatus,
)
from .models import EventPage

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"))
    affiliation = forms.ChoiceField(
        label=_("You are"), choices=Affiliation.choices, widget=forms.RadioSelect
    )
    institution = forms.CharField(
        label=_("Institution"),
        max_length=200,
        required=False,
        help_text=_("Your university or organisation, if you are not from our university."),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    newsletter = opt_in_field()

    def __init__(
        self, *args, event: EventPage, privacy_url: str = "", language: str = "de", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.event = event.source_event
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        modes = self.event.participation_modes
        if len(modes) > 1:
            self.fields["participation_mode"] = forms.ChoiceField(
                label=_("How will you take part?"),
                choices=[(mode, ParticipationMode(mode).label) for mode in modes],
                widget=forms.RadioSelect,
            )
        if self.event.registration_mode == RegistrationMode.SESSIONS:
            self.fields["sessions"] = forms.ModelMultipleChoiceField(
                label=_("Sessions"),
                queryset=self.event.sessions.all(),
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": _("Choose at least one session.")},
            )
        self.questions = list(self.event.questions.all())
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = self._question_field(question, language)
        if privacy_url:
            consent_label = format_html(
                '{} <a href="{}">{}</a>',
                _("I agree that my details are stored and used to organise this event."),
                privacy_url,
                _("Read the privacy notice."),
            )
        else:
            consent_label = _("I agree that my details are stored and used to organise this event.")
        self.fields["consent"] = forms.BooleanField(
            label=consent_label,
            error_messages={"required": _("Please agree, otherwise we cannot register you.")},
        )

    @staticmethod
    def _question_field(question, language):
        common = {"label": question.label, "required": question.is_required}
        if question.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(
                choices=question.choice_list(language), widget=forms.RadioSelect, **common
            )
        if question.kind == QuestionKind.YES_NO:
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
        return forms.CharField(max_length=1000, **common)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("affiliation") == Affiliation.PARTNER and not cleaned.get("institution"):
            self.add_error("institution", _("Please name your partner institution."))
        return cleaned

    @property
    def participation_mode(self) -> str:
        return self.cleaned_data.get("participation_mode") or self.event.participation_modes[0]

    @property
    def chosen_sessions(self):
        return list(self.cleaned_data.get("sessions") or [])


class ManualRegistrationForm(RegistrationForm):
    """The coordinator adds someone by hand (no consent box: the coordinator asked)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["consent"]
        del self.fields["website"]
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of the e-mails"),
            choices=[("de", "Deutsch"), ("en", "English"), ("zh-hans", "简体中文")],
        )


class RegistrationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All"))] + list(RegistrationStatus.choices),
        required=False,
    )
    mode = forms.ChoiceField(
        label=_("Participation"),
        choices=[("", _("All"))] + list(ParticipationMode.choices),
        required=False,
    )
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)


class ParticipantMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea, max_length=5000)
    include_waitlist = forms.BooleanField(label=_("Also to the waitlist"), required=False)
