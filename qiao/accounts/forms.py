from allauth.account.adapter import get_adapter
from allauth.account.forms import LoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from . import access


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, taking as long for a known address as for a new one.

    For a known address allauth (ACCOUNT_PREVENT_ENUMERATION) answers as for a new one and
    only e-mails the owner, but it skips hashing the password, which is most of the time a
    new account takes: the answer came back many times faster and told the address was
    registered. Hashing the password here as well closes that gap.
    """

    def try_save(self, request):
        user, response = super().try_save(request)
        if user is None:
            get_user_model()().set_password(self.cleaned_data.get("password1") or "")
        return user, response


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class StaffLoginForm(LoginForm):
    """allauth's login (verified address, rate limits), for accounts with back-office
    access only. Any other account gets the same answer as a wrong password, and the
    attempt counts against the rate limit like one, so this form reveals nothing."""

    def _clean_with_password(self, credentials: dict):
        cleaned_data = super()._clean_with_password(credentials)
        if not access.has_admin_access(self.user):
            adapter = get_adapter(self.request)
            adapter.pre_authenticate(self.request, **credentials)
            self.user = None
            raise adapter.validation_error("email_password_mismatch")
        return cleaned_data
