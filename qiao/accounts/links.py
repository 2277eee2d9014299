"""Links in e-mails that let a person into their account."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def set_password_url(user) -> str:
    """A one-time link (in the active language) that confirms the address and leads to
    setting a password; it stops working once the password is set."""
    key = default_token_generator.make_token(user)
    path = reverse("accounts:welcome", kwargs={"uidb36": user_pk_to_url_str(user), "key": key})
    return absolute(path)
