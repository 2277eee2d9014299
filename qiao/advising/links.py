"""Signed links in e-mails: one to confirm a booking, one to manage (cancel, rebook) it."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

CONFIRM_SALT = "qiao.advising.confirm"
MANAGE_SALT = "qiao.advising.manage"


class LinkError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def confirm_token(booking) -> str:
    return signing.dumps(booking.pk, salt=CONFIRM_SALT)


def manage_token(booking) -> str:
    return signing.dumps(booking.pk, salt=MANAGE_SALT)


def read_confirm_token(token: str) -> int:
    max_age = timedelta(minutes=settings.ADVISING_HOLD_MINUTES)
    return _read(token, CONFIRM_SALT, max_age)


def read_manage_token(token: str) -> int:
    return _read(token, MANAGE_SALT, None)


def _read(token: str, salt: str, max_age) -> int:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError(
            _("This link has expired. The time was released; please book again.")
        ) from error
    except signing.BadSignature as error:
        raise LinkError(
            _("This link is not valid. Please copy the whole link from the e-mail.")
        ) from error
    if not isinstance(value, int):
        raise LinkError(_("This link is not valid. Please copy the whole link from the e-mail."))
    return value


def absolute_url(view_name: str, token: str, language: str) -> str:
    with translation.override(language):
        path = reverse(view_name, args=[token])
    return settings.BASE_URL.rstrip("/") + path
