from datetime import timedelta

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

# A message sent sooner than this after the form was shown is taken for a robot.
MIN_SECONDS_TO_FILL = 3
FORM_TOKEN_SALT = "qiao.core.contact-form"  # noqa: S105 - a salt, not a secret


class ContactForm(forms.Form):
    """The contact form. Spam is held off without a third-party captcha: a field that
    people do not see (robots fill it in) and a signed time stamp (robots are fast)."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea, max_length=5000)
    privacy = forms.BooleanField(
        label=_("I agree that my details are stored to answer my message."),
        error_messages={"required": _("Please agree, otherwise we cannot answer you.")},
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = signing.TimestampSigner(salt=FORM_TOKEN_SALT).sign("contact")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if any(character in subject for character in "\r\n"):
            raise forms.ValidationError(_("Please write the subject on one line."))
        return subject

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def clean_token(self):
        token = self.cleaned_data["token"]
        signer = signing.TimestampSigner(salt=FORM_TOKEN_SALT)
        try:
            signer.unsign(token, max_age=timedelta(days=1))
        except signing.SignatureExpired as error:
            raise forms.ValidationError(
                _("The form has expired. Please send your message again.")
            ) from error
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("The form was changed. Please reload the page.")
            ) from error
        try:
            signer.unsign(token, max_age=MIN_SECONDS_TO_FILL)
        except signing.SignatureExpired:
            return token  # older than the minimum: written by a person
        raise forms.ValidationError(_("That was very fast. Please send your message again."))
