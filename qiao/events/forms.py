"""The public registration form and the coordinator's forms."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from qiao.newsletter.forms import opt_in_field

from .emails import PLACEHOLDERS, unknown_placeholders
from .enums import (
    NOTIFIED_STATUSES,
    Affiliation,
    ParticipationMode,
    QuestionKind,
    RegistrationMode,
    RegistrationStatus,
)
from .models import EventPage

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def companions_field(maximum: int, initial: int = 0) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Accompanying persons"),
        help_text=_("How many people come with you (at most %(count)d); each takes a seat.")
        % {"count": maximum},
        min_value=0,
        max_value=maximum,
        initial=initial,
        required=False,
        error_messages={
            "max_value": _("You may bring at most %(limit_value)s accompanying persons."),
            "min_value": _("Enter 0 or more."),
        },
    )


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
        if self.event.max_companions:
            self.fields["companions"] = companions_field(self.event.max_companions)
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

    @property
    def companions(self) -> int:
        return self.cleaned_data.get("companions") or 0


class RegistrationChangeForm(forms.Form):
    """What a participant may change through their personal link."""

    def __init__(self, *args, registration, language: str = "de", **kwargs):
        super().__init__(*args, **kwargs)
        self.event = registration.event.source_event
        modes = self.event.participation_modes
        if len(modes) > 1:
            self.fields["participation_mode"] = forms.ChoiceField(
                label=_("How will you take part?"),
                choices=[(mode, ParticipationMode(mode).label) for mode in modes],
                widget=forms.RadioSelect,
                initial=registration.participation_mode,
            )
        if self.event.registration_mode == RegistrationMode.SESSIONS:
            self.fields["sessions"] = forms.ModelMultipleChoiceField(
                label=_("Sessions"),
                queryset=self.event.sessions.all(),
                widget=forms.CheckboxSelectMultiple,
                initial=[session.pk for session in registration.sessions.all()],
                error_messages={"required": _("Choose at least one session.")},
            )
        if self.event.max_companions:
            self.fields["companions"] = companions_field(
                self.event.max_companions, initial=registration.companions
            )
        self.questions = list(self.event.questions.all())
        for question in self.questions:
            field = RegistrationForm._question_field(question, language)
            value = registration.answers.get(str(question.pk))
            if isinstance(value, bool):
                value = "yes" if value else "no"
            field.initial = value
            self.fields[f"question_{question.pk}"] = field

    @property
    def participation_mode(self) -> str:
        return self.cleaned_data.get("participation_mode") or self.event.participation_modes[0]

    @property
    def chosen_sessions(self):
        return list(self.cleaned_data.get("sessions") or [])

    @property
    def companions(self) -> int | None:
        """None when the form does not ask (the registration keeps its number)."""
        if "companions" not in self.fields:
            return None
        return self.cleaned_data.get("companions") or 0


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
        self.fields["past_capacity_reason"] = forms.CharField(
            label=_("Reason for a seat past the capacity"),
            max_length=300,
            required=False,
            help_text=_(
                "Only if the person must get a seat although none is free (past the "
                "waitlist): why. Logged with your name."
            ),
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


MESSAGE_LANGUAGES = (
    ("de", _("German")),
    ("en", _("English")),
    ("zh", _("Chinese")),
)


class ParticipantMessageForm(forms.Form):
    """A coordinator's message: whom (statuses, sessions) and what, one text per language."""

    statuses = forms.MultipleChoiceField(
        label=_("To registrations that are"),
        choices=[(status, RegistrationStatus(status).label) for status in NOTIFIED_STATUSES],
        initial=[RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one group.")},
    )

    def __init__(self, *args, event: EventPage, **kwargs):
        super().__init__(*args, **kwargs)
        sessions = event.source_event.sessions.all()
        if sessions.exists():
            self.fields["sessions"] = forms.ModelMultipleChoiceField(
                label=_("Only to those registered for these sessions"),
                queryset=sessions,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("None chosen: everyone in the groups above."),
            )
        placeholders = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        for code, language in MESSAGE_LANGUAGES:
            self.fields[f"subject_{code}"] = forms.CharField(
                label=_("Subject (%(language)s)") % {"language": language},
                max_length=200,
                required=False,
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Message (%(language)s)") % {"language": language},
                widget=forms.Textarea,
                max_length=5000,
                required=False,
                help_text=_(
                    "Placeholders: %(placeholders)s (name, event title, personal link). "
                    "Participants whose language has no text get the English, else the "
                    "German one."
                )
                % {"placeholders": placeholders},
            )

    def clean(self):
        cleaned = super().clean()
        written = []
        for code, _language in MESSAGE_LANGUAGES:
            subject = cleaned.get(f"subject_{code}", "")
            body = cleaned.get(f"body_{code}", "")
            for field, text in ((f"subject_{code}", subject), (f"body_{code}", body)):
                unknown = unknown_placeholders(text or "")
                if unknown:
                    self.add_error(
                        field,
                        _("Unknown placeholder {%(name)s}. You can use %(known)s.")
                        % {
                            "name": unknown[0],
                            "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                        },
                    )
            if subject and not body:
                self.add_error(f"body_{code}", _("Write the message for this subject."))
            elif body and not subject:
                self.add_error(f"subject_{code}", _("Write a subject for this message."))
            elif subject and body:
                written.append(code)
        if not written and not self.errors:
            raise forms.ValidationError(_("Write the message in at least one language."))
        return cleaned

    @property
    def subjects(self) -> dict:
        return {code: self.cleaned_data[f"subject_{code}"] for code, _l in MESSAGE_LANGUAGES}

    @property
    def bodies(self) -> dict:
        return {code: self.cleaned_data[f"body_{code}"] for code, _l in MESSAGE_LANGUAGES}

    @property
    def chosen_sessions(self) -> list:
        return list(self.cleaned_data.get("sessions") or [])


class SessionChangeNoticeMixin(forms.Form):
    """Added to the session edit form: tell the session's participants about a change."""

    notify_participants = forms.BooleanField(
        label=_("E-mail this session's participants if you change its time or place"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .queries import session_notice_audience

        if self.instance.pk:
            count = session_notice_audience(self.instance).count()
            self.fields["notify_participants"].help_text = ngettext(
                "%(count)d person is registered for this session (confirmed, checked in "
                "or waitlisted).",
                "%(count)d people are registered for this session (confirmed, checked in "
                "or waitlisted).",
                count,
            ) % {"count": count}


class SurveyForm(forms.Form):
    """The participant's answer to the survey after the event."""

    rating = forms.TypedChoiceField(
        label=_("How did you like the event? (1 = not at all, 5 = very much)"),
        choices=[(value, str(value)) for value in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PastCapacityForm(forms.Form):
    """A coordinator confirms someone although no seat is free: the reason is required."""

    reason = forms.CharField(
        label=_("Reason for a seat past the capacity"),
        max_length=300,
        error_messages={"required": _("Give the reason for a seat past the capacity.")},
    )


class InvitationResponseForm(RegistrationForm):
    """The invitee registers through their link: the address is the invitation's."""

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["email"]
        del self.fields["newsletter"]
        self.fields["name"].initial = invitation.name
        self.fields["institution"].initial = invitation.organisation


class InvitationImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of invitees"),
        error_messages={"required": _("Choose a CSV file.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload.read()
