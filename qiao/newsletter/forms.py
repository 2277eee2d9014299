"""The public sign-up and preferences forms, and the back office's forms."""

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .enums import Topic
from .services import Choice, consent_text


def language_choices():
    return list(settings.LANGUAGES)


class ChoiceFormMixin:
    def choice(self, *, preferred: str) -> Choice:
        """The chosen languages, the one of the page first (it is the one we prefer)."""
        languages = self.cleaned_data["languages"]
        ordered = sorted(languages, key=lambda code: (code != preferred, languages.index(code)))
        return Choice(languages=ordered, topics=list(self.cleaned_data["topics"]))


class SubscribeForm(ChoiceFormMixin, forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    languages = forms.MultipleChoiceField(
        label=_("Languages in which you would like to read it"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Please agree so that we may send you the newsletter.")}
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, privacy_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_wording = consent_text(privacy_url)
        label = _("I would like to receive the newsletter. I can leave at any time.")
        if privacy_url:
            label = format_html(
                '{} <a href="{}">{}</a>', label, privacy_url, _("Read the privacy notice.")
            )
        self.fields["consent"].label = label
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""


class PreferencesForm(ChoiceFormMixin, forms.Form):
    languages = SubscribeForm.base_fields["languages"]
    topics = SubscribeForm.base_fields["topics"]


def opt_in_field() -> forms.BooleanField:
    """The box (never ticked in advance) on other forms: event registration, advising
    booking. Ticked, it asks for a subscription that the person must still confirm."""
    return forms.BooleanField(
        label=_(
            "Send me the newsletter too (all topics). I will get a link to confirm it first "
            "and can leave at any time."
        ),
        required=False,
        initial=False,
    )
