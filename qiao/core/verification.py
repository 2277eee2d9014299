"""Verification codes for what the centre issues (certificates, letters): each issued
document is recorded with a random code printed on it, and anyone holding the document
can check the code on the site's public page (``/de/verify/``).

Codes have 12 characters of Crockford's base 32 (60 random bits; no I, L, O or U, so a
code read aloud or typed from paper is not mistaken), printed in groups of four. Typing
is forgiving: case, spaces, dashes and the letters O, I and L for 0 and 1 are accepted.
"""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle
from wagtail.log_actions import log

from .models import IssuedDocument
from .pdf import paragraph

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(typed: str) -> str | None:
    """The stored form of a typed code, or None if it cannot be one."""
    code = "".join(str(typed).upper().split()).replace("-", "").translate(_TYPOS)
    if len(code) != CODE_LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def issue_document(
    *, kind: str, holder_name: str, title: str, language: str, subject=None, by=None
) -> IssuedDocument:
    """Record a document as issued and return it with its code. Issuing the same kind for
    the same subject in the same language again returns the first record, so a document
    downloaded twice carries the same code."""
    fields = {
        "kind": kind,
        "holder_name": holder_name[:300],
        "title": title[:300],
        "language": language,
        "issued_by": by if by is not None and by.is_authenticated else None,
    }
    if subject is None:
        return _create(fields)
    key = {
        "kind": kind,
        "language": language,
        "content_type": ContentType.objects.get_for_model(subject),
        "object_id": subject.pk,
    }
    existing = IssuedDocument.objects.filter(**key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _create({**fields, **key})
    except IntegrityError:  # issued at the same moment by another request
        return IssuedDocument.objects.get(**key)


def _create(fields: dict) -> IssuedDocument:
    while True:
        code = new_code()
        if not IssuedDocument.objects.filter(code=code).exists():
            return IssuedDocument.objects.create(code=code, **fields)


def find(typed: str) -> IssuedDocument | None:
    code = normalise(typed)
    if code is None:
        return None
    return IssuedDocument.objects.filter(code=code).first()


def revoke(document: IssuedDocument, *, by=None, reason: str = "") -> None:
    """Withdraw an issued document; its code then shows as withdrawn."""
    if document.withdrawn_at is not None:
        return
    document.withdrawn_at = timezone.now()
    document.withdrawn_reason = reason
    document.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    log(document, "core.issued_document.withdrawn", user=by, data={"reason": reason})


def forget_subject(subject) -> int:
    """Delete what was issued for ``subject`` (when a person's data is erased): its codes
    then show as unknown. Returns how many records were deleted."""
    deleted, _by_model = IssuedDocument.objects.for_subject(subject).delete()
    return deleted


def verification_flowables(document: IssuedDocument) -> list:
    """The code, the address of the public check and a QR code of that address, for the
    foot of a PDF built with reportlab (in the active language)."""
    size = 22 * mm
    widget = QrCodeWidget(document.verify_url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    text = [
        paragraph(_("Verification code: %(code)s") % {"code": document.display_code}),
        paragraph(_("Anyone can check this document at:"), "small"),
        paragraph(document.verify_url, "small"),
    ]
    table = Table([[drawing, text]], colWidths=[size + 4 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEABOVE", (0, 0), (-1, 0), 0.25, "#999999"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
            ]
        )
    )
    return [Spacer(1, 8 * mm), table]
