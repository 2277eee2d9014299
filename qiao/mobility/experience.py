"""Every write of experience reports: the participant writes and submits one; the staff
publish it (named or anonymous, as the author chose) or return it with a note."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from wagtail.log_actions import log

from . import access
from .enums import MAY_REPORT, ReportStatus
from .models import Application, ExperienceReport, ProgrammePage, private_storage
from .services import ApplicationError
from .uploads import check_document

R = ReportStatus
PHOTO_TYPES = ("image/jpeg", "image/png")
# A published photo is shown on the programme page: it is stored at most this many pixels
# wide or high, as a JPEG without the camera's metadata (place, time, device).
PHOTO_MAX_SIDE = 1600


def web_photo(uploaded) -> tuple[ContentFile, int, int]:
    """The photo as it is stored and shown: turned upright, scaled to fit PHOTO_MAX_SIDE,
    transparency on white, saved as a JPEG without metadata. Called after check_document,
    which has checked its size in pixels from the header."""
    uploaded.seek(0)
    with Image.open(uploaded) as original:
        image = ImageOps.exif_transpose(original)
        image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
        if image.mode != "RGB":
            background = Image.new("RGB", image.size, "white")
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85, optimize=True)
        width, height = image.size
    uploaded.seek(0)
    return ContentFile(buffer.getvalue(), name="photo.jpg"), width, height


def may_report(user, application: Application) -> bool:
    return access.is_owner(user, application) and application.status in MAY_REPORT


def save_report(
    application: Application, *, by, data: dict, photo=None, submit: bool = False
) -> ExperienceReport:
    """Save the participant's report (a draft, or returned for changes); with ``submit``
    it goes to the staff for review. A photo needs the consent box ticked."""
    if not may_report(by, application):
        raise ApplicationError(_("Only participants of the programme can write a report."))
    if photo is not None:
        content_type = check_document(photo)
        if content_type not in PHOTO_TYPES:
            raise ValidationError(_("Please choose a JPEG or PNG photo."), code="type")
        if not data.get("photo_consent"):
            raise ValidationError(
                _("Please confirm that everyone in the photo agrees to its publication."),
                code="consent",
            )
        stored_photo, width, height = web_photo(photo)
    with transaction.atomic():
        report, _created = ExperienceReport.objects.select_for_update().get_or_create(
            application=application,
            defaults={"title": data["title"], "text": data["text"]},
        )
        if report.status not in (R.DRAFT, R.RETURNED):
            raise ApplicationError(_("This report has been submitted and can no longer change."))
        for field in ("title", "text", "language", "show_name", "photo_consent"):
            setattr(report, field, data[field])
        if photo is not None:
            old = report.photo.name
            report.photo_type = "image/jpeg"
            report.photo_width, report.photo_height = width, height
            report.photo.save("photo", stored_photo, save=False)
            if old:
                transaction.on_commit(lambda: private_storage().delete(old))
        if submit:
            report.status = R.SUBMITTED
            report.submitted_at = timezone.now()
        report.save()
    return report


def publish_report(report: ExperienceReport, *, actor) -> ExperienceReport:
    if not access.is_coordinator(actor):
        raise ApplicationError(_("You may not publish reports."))
    with transaction.atomic():
        report = ExperienceReport.objects.select_for_update().get(pk=report.pk)
        if report.status != R.SUBMITTED:
            raise ApplicationError(_("Only submitted reports can be published."))
        report.status = R.PUBLISHED
        report.published_at = timezone.now()
        report.published_by = actor
        report.save(update_fields=["status", "published_at", "published_by"])
        log(instance=report, action="mobility.report.published", user=actor)
    return report


def return_report(report: ExperienceReport, *, actor, note: str) -> ExperienceReport:
    """Back to the author with a note (also to take a published report off the page)."""
    if not access.is_coordinator(actor):
        raise ApplicationError(_("You may not review reports."))
    with transaction.atomic():
        report = ExperienceReport.objects.select_for_update().get(pk=report.pk)
        report.status = R.RETURNED
        report.staff_note = note
        report.published_at = None
        report.save(update_fields=["status", "staff_note", "published_at"])
        log(instance=report, action="mobility.report.returned", user=actor)
    return report


def published_for(*, programme: ProgrammePage | None = None, partner=None):
    """Published reports of a programme (in every language of its page) or of a partner,
    newest first."""
    reports = ExperienceReport.objects.published().select_related(
        "application", "application__call__programme"
    )
    if programme is not None:
        reports = reports.filter(
            application__call__programme__translation_key=programme.translation_key
        )
    if partner is not None:
        reports = reports.filter(application__call__programme__partner=partner)
    return reports
