"""Certificates of attendance: a PDF on the centre's letterhead in the participant's
language (German, English or Chinese), with the embedded font that also has Chinese
letters, and a verification code anyone can check on the site."""

import io

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from qiao.core.models import CentreSettings
from qiao.core.pdf import a4_document, letterhead, paragraph
from qiao.core.times import in_berlin
from qiao.core.verification import issue_document, verification_flowables

from .calendar import event_in_language
from .models import CheckIn, Registration

KIND = "event-certificate"


def _dates(event) -> str:
    start, end = in_berlin(event.start).date(), in_berlin(event.end).date()
    text = formats.date_format(start, "DATE_FORMAT")
    if end != start:
        text += " – " + formats.date_format(end, "DATE_FORMAT")
    return text


def _day(value) -> str:
    return formats.date_format(in_berlin(value), "SHORT_DATE_FORMAT")


def certificate_title(registration: Registration) -> str:
    """ "Certificate of attendance: <event>" in the participant's language."""
    with translation.override(registration.language):
        page = event_in_language(registration.event, registration.language)
        return _("Certificate of attendance: %(event)s") % {"event": page.title}


def issue(registration: Registration, *, by=None):
    """The verification record of the registration's certificate (the same on every call:
    a re-download prints the same code)."""
    return issue_document(
        kind=KIND,
        holder_name=registration.name,
        title=certificate_title(registration),
        language=registration.language,
        subject=registration,
        by=by,
    )


def certificate_pdf(registration: Registration, *, by=None) -> bytes:
    record = issue(registration, by=by)
    with translation.override(registration.language):
        centre = CentreSettings.load()
        page = event_in_language(registration.event, registration.language)
        dates = _dates(registration.event.source_event)
        buffer = io.BytesIO()
        title = _("Certificate of attendance")
        document, width = a4_document(buffer, title, centre)
        story = [
            letterhead(centre, width),
            Spacer(1, 20 * mm),
            paragraph(title, "title"),
            Spacer(1, 6 * mm),
            paragraph(
                _("This is to certify that %(name)s took part in") % {"name": registration.name}
            ),
            Spacer(1, 2 * mm),
            paragraph(page.title, "heading"),
            # Dates from the version that holds the registrations: a translation keeps the
            # dates it had when it was last synchronised.
            paragraph(", ".join(part for part in (dates, page.place) if part)),
        ]
        sessions = [
            check_in.session
            for check_in in CheckIn.objects.filter(
                registration=registration, session__isnull=False
            ).select_related("session")
        ]
        if sessions:
            story += [
                Spacer(1, 4 * mm),
                paragraph(_("Sessions attended:")),
                *[
                    paragraph(f"– {session.title} ({_day(session.start)})")
                    for session in sorted(sessions, key=lambda s: s.start)
                ],
            ]
        story += [
            Spacer(1, 14 * mm),
            paragraph(
                _("Issued on %(date)s")
                % {
                    "date": formats.date_format(timezone.localdate(record.issued_at), "DATE_FORMAT")
                },
                "small",
            ),
            paragraph(centre.name, "small"),
            *verification_flowables(record),
        ]
        document.build(story)
    return buffer.getvalue()


def filename(registration: Registration) -> str:
    return f"certificate-{registration.event.slug}-{registration.pk}.pdf"
