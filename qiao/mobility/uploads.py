"""Checks on uploaded documents: by content, not by name; size-limited; readable."""

import io
import re

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

ALLOWED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
# No path parts, no hidden files, no control characters, no encoded separators.
_BAD_NAME = re.compile(r"(^\.|[/\\:\x00-\x1f]|%2f|%5c|\.\.)", re.IGNORECASE)


def check_document(uploaded) -> str:
    """Return the file's real content type, or raise ValidationError with a clear message."""
    name = uploaded.name or ""
    if not name or len(name) > 200 or _BAD_NAME.search(name):
        raise ValidationError(
            _("Please rename the file: use letters, digits, dashes and one dot only."),
            code="name",
        )
    if uploaded.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
            },
            code="size",
        )
    uploaded.seek(0)
    head = uploaded.read(2048)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else ""
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("Only PDF, JPEG and PNG files are accepted; this file is none of them."),
            code="type",
        )
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if not _is_readable(data, content_type):
        raise ValidationError(
            _("The file seems to be damaged and cannot be opened. Please export it again."),
            code="broken",
        )
    return content_type


def _is_readable(data: bytes, content_type: str) -> bool:
    try:
        if content_type == "application/pdf":
            reader = PdfReader(io.BytesIO(data), strict=True)
            return len(reader.pages) > 0
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        return True
    except (PdfReadError, UnidentifiedImageError, OSError, ValueError, KeyError, TypeError):
        return False
