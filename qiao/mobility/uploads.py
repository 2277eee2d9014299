"""Checks on uploaded documents: by content, not by name; size-limited; readable.

Pixel and page counts are read from the file's header before anything is decoded, so a
small file that claims a huge image or a huge page tree is refused cheaply. Parser errors
of every kind become the form's message: the files come from strangers."""

import io
import re
import warnings

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import LimitReachedError

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
    if content_type == "application/pdf":
        _check_pdf(data)
    else:
        _check_image(data)
    return content_type


def download_name(original_name: str, content_type: str) -> str:
    """The name a document is served under: its stem with the extension of its real type,
    so `Lebenslauf.pdf.bat` is served as `Lebenslauf.pdf`."""
    extension = "." + ALLOWED_TYPES.get(content_type, "bin")
    stem = original_name.rsplit(".", 1)[0] if "." in original_name else original_name
    stem = stem.strip() or "document"
    if stem.lower().endswith(extension) or (extension == ".jpg" and stem.lower().endswith(".jpeg")):
        return stem
    return stem + extension


def _damaged() -> ValidationError:
    return ValidationError(
        _("The file seems to be damaged and cannot be opened. Please export it again."),
        code="broken",
    )


def _too_many_pages() -> ValidationError:
    return ValidationError(
        _("The PDF has too many pages; at most %(limit)s pages are accepted.")
        % {"limit": settings.UPLOAD_MAX_PDF_PAGES},
        code="pages",
    )


def _check_pdf(data: bytes) -> None:
    limit = settings.UPLOAD_MAX_PDF_PAGES
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        # The page count the file declares, read without walking the page tree.
        declared = reader.trailer["/Root"]["/Pages"]["/Count"]
        if not isinstance(declared, int) or declared < 1:
            raise _damaged()
        if declared > limit:
            raise _too_many_pages()
        # The tree itself may hold more pages than it declares.
        counted = len(reader.pages)
    except ValidationError:
        raise
    except LimitReachedError as error:
        raise _too_many_pages() from error
    except Exception as error:  # any parser failure on a stranger's file is a damaged file
        raise _damaged() from error
    if counted > limit:
        raise _too_many_pages()
    if counted < 1:
        raise _damaged()


def _check_image(data: bytes) -> None:
    limit = settings.UPLOAD_MAX_PIXELS
    too_large = ValidationError(
        _("The image is too large: at most %(limit)s megapixels are accepted.")
        % {"limit": round(limit / 1_000_000)},
        code="pixels",
    )
    try:
        with warnings.catch_warnings():
            # Our own limit below is stricter than Pillow's warning threshold.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                # Image.open reads only the header: the size is known before decoding.
                width, height = image.size
                if width * height > limit:
                    raise too_large
                image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise too_large from error
    except Exception as error:  # any parser failure on a stranger's file is a damaged file
        raise _damaged() from error
