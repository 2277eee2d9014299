"""The letters an applicant gets as PDF on the centre's letterhead: the offer of a place
and, with funding, the funding agreement. Written in the applicant's language, with the
embedded font that has Latin, German and Chinese letters (names in characters too)."""

import io

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from qiao.core.models import CentreSettings
from qiao.core.pdf import a4_document, font_name, letterhead, paragraph
from qiao.core.times import dual_time_text

from .enums import GrantStatus
from .funding import format_euro

OFFER = "offer"
AGREEMENT = "agreement"
KINDS = (OFFER, AGREEMENT)


def _dates(call) -> str:
    if not call.starts_on:
        return ""
    text = formats.date_format(call.starts_on, "DATE_FORMAT")
    if call.ends_on and call.ends_on != call.starts_on:
        text += " – " + formats.date_format(call.ends_on, "DATE_FORMAT")
    return text


def _table(rows, width) -> Table:
    table = Table(
        [[paragraph(label), paragraph(value)] for label, value in rows],
        colWidths=[width * 0.45, width * 0.55],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), font_name()),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#999999"),
            ]
        )
    )
    return table


def _head(application, centre, width, title: str) -> list:
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    return [
        letterhead(centre, width),
        Spacer(1, 8 * mm),
        paragraph(application.full_name),
        paragraph(application.applicant.email, "small"),
        Spacer(1, 4 * mm),
        paragraph(today, "small"),
        paragraph(title, "title"),
    ]


def _facts(application) -> list[tuple[str, str]]:
    call = application.call
    facts = [(_("Programme"), call.programme.title), (_("Call"), call.title)]
    if call.programme.public_partner_name:
        facts.append((_("Partner university"), call.programme.public_partner_name))
    if _dates(call):
        facts.append((_("Dates"), _dates(call)))
    return facts


def offer_letter_pdf(application) -> bytes:
    """The offer of a place, in the applicant's language."""
    with translation.override(application.language):
        centre = CentreSettings.load()
        buffer = io.BytesIO()
        title = _("Offer of a place")
        document, width = a4_document(buffer, title, centre)
        story = _head(application, centre, width, title)
        story.append(
            paragraph(
                _("Dear %(name)s,") % {"name": application.full_name}
                + "\n\n"
                + _("We are pleased to offer you a place in this programme:")
            )
        )
        story.append(_table(_facts(application), width))
        if application.reply_by:
            story.append(Spacer(1, 4 * mm))
            story.append(
                paragraph(
                    _(
                        "Please accept or decline the place in your account by %(reply_by)s. "
                        "Without a reply by then, the offer expires and the place goes to the "
                        "next person on the waiting list."
                    )
                    % {"reply_by": dual_time_text(application.reply_by)}
                )
            )
        grant = getattr(application, "grant", None)
        if grant is not None and grant.status != GrantStatus.CANCELLED:
            story.append(
                paragraph(
                    _("With the place comes a grant of %(amount)s (%(source)s).")
                    % {
                        "amount": format_euro(grant.amount),
                        "source": application.call.funding_source,
                    }
                )
            )
        story += [Spacer(1, 8 * mm), paragraph(_("With kind regards")), paragraph(centre.name)]
        document.build(story)
    return buffer.getvalue()


def funding_agreement_pdf(application) -> bytes:
    """The funding agreement of the applicant's grant, in the applicant's language."""
    grant = application.grant
    call = application.call
    with translation.override(application.language):
        centre = CentreSettings.load()
        buffer = io.BytesIO()
        title = _("Funding agreement")
        document, width = a4_document(buffer, title, centre)
        story = _head(application, centre, width, title)
        story.append(
            paragraph(
                _(
                    "Between %(centre)s and %(name)s, for taking part in the programme "
                    "below, funded by %(source)s."
                )
                % {
                    "centre": centre.institution or centre.name,
                    "name": application.full_name,
                    "source": call.funding_source,
                }
            )
        )
        story.append(_table(_facts(application), width))
        story.append(paragraph(_("Grant"), "heading"))
        rows = [(label, format_euro(amount)) for label, amount in grant.parts() if amount]
        rows.append((_("Total"), format_euro(grant.amount)))
        story.append(_table(rows, width))
        story.append(paragraph(_("Conditions"), "heading"))
        for condition in (
            _("The grant is paid to the bank account you give us, before the programme starts."),
            _(
                "If you do not take part, or break off the programme without an important "
                "reason, the centre may reclaim the grant in whole or in part."
            ),
            _("Within four weeks of your return you send us an experience report."),
        ):
            story.append(paragraph(f"• {condition}"))
        story += [Spacer(1, 14 * mm), _signatures(application, centre, width)]
        document.build(story)
    return buffer.getvalue()


def _signatures(application, centre, width) -> Table:
    table = Table(
        [
            ["", ""],
            [
                paragraph(
                    _("Place, date, signature: %(name)s") % {"name": application.full_name}, "small"
                ),
                paragraph(_("Place, date, signature: %(name)s") % {"name": centre.name}, "small"),
            ],
        ],
        colWidths=[width * 0.48, width * 0.52],
        rowHeights=[14 * mm, None],
    )
    table.setStyle(TableStyle([("LINEABOVE", (0, 1), (-1, 1), 0.5, "#333333")]))
    return table


def file_name(application, kind: str) -> str:
    return f"{kind}-{application.pk}.pdf"
