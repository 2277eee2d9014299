"""The participant's personal link: signed, valid until some days after the group ends."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

PORTAL_SALT = "qiao.incoming.portal"


class LinkError(Exception):
    def __init__(self, message, *, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def portal_token(participant) -> str:
    return signing.dumps(participant.pk, salt=PORTAL_SALT)


def link_valid_until(cohort) -> datetime.date:
    return cohort.ends_on + datetime.timedelta(days=settings.INCOMING_LINK_DAYS_AFTER_END)


def read_portal_token(token: str):
    """The participant the link belongs to; LinkError if the link was changed, the
    person's data is gone or the link has expired."""
    from .models import Participant

    try:
        pk = signing.loads(token, salt=PORTAL_SALT)
    except signing.BadSignature as error:
        raise LinkError(
            _("This link is not valid. Please copy the whole link from the e-mail.")
        ) from error
    participant = (
        Participant.objects.active().select_related("cohort__partner").filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if participant is None:
        raise LinkError(
            _("This link is not valid. Please copy the whole link from the e-mail."), status=404
        )
    if timezone.localdate() > link_valid_until(participant.cohort):
        raise LinkError(
            _(
                "This link has expired: the programme has ended. If you need a letter, "
                "please write to the centre."
            ),
            status=410,
        )
    return participant


def portal_url(participant, language: str | None = None) -> str:
    with translation.override(language or participant.language):
        path = reverse("incoming:portal", args=[portal_token(participant)])
    return settings.BASE_URL.rstrip("/") + path
