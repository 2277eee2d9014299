"""The public sign-up and preferences forms, and the back office's forms."""

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .enums import Topic
from .services import Choice


def language_choices():
    return list(settings.LANGUAGES)


def consent_text(privacy_url: str) -> str:
    """The wording a subscriber agrees to, in the active language; stored with the
    subscription as it was shown."""
    text = gettext(
        "I would like to receive the newsletter by e-mail in the languages and on the topics "
        "I chose. I can leave at any time with the link in every issue. My address is used "
        "for nothing else."
    )
    if privacy_url:
        text += " " + gettext("Data privacy: %(url)s") % {"url": privacy_url}
    return text


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
