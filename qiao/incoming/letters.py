"""Letters to participants as PDFs on the centre's letterhead: the visa invitation, the
confirmation of participation and the certificate of attendance, in German or English.

The text of each letter and language is a ``LetterText`` staff edit in the admin; where
none exists yet, the default below is used. Placeholders in curly braces are filled for
each participant (unknown ones stay as written). Every letter carries a verification
code (``qiao.core.verification``); a letter downloaded again keeps its code."""

import io
import re
import zipfile

from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from qiao.core.models import CentreSettings
from qiao.core.pdf import a4_document, letterhead, paragraph
from qiao.core.verification import issue_document, verification_flowables

from . import queries
from .enums import LetterKind
from .models import LetterText

PLACEHOLDER = re.compile(r"\{(\w+)\}")

DEFAULT_TEXTS = {
    ("visa", "de"): (
        "Einladung",
        "Sehr geehrte Damen und Herren,\n\n"
        "hiermit laden wir {passport_name} ({partner}), geboren am {date_of_birth}, "
        "Reisepass Nr. {passport_number}, zur Teilnahme an unserem Programm "
        "{programme} ein. Das Programm findet vom {starts_on} bis zum {ends_on} in "
        "{place} statt.\n\n"
        "Unterkunft und Programm werden von uns organisiert. Wir bitten Sie, das "
        "erforderliche Visum für den Aufenthalt zu erteilen.",
    ),
    ("visa", "en"): (
        "Letter of invitation",
        "Dear Sir or Madam,\n\n"
        "We hereby invite {passport_name}, born on {date_of_birth}, passport no. "
        "{passport_number}, of {partner}, to take part in our programme {programme}, "
        "held from {starts_on} to {ends_on} in {place}.\n\n"
        "Accommodation and programme are organised by us. We kindly ask you to grant the "
        "visa required for this stay.",
    ),
    ("confirmation", "de"): (
        "Teilnahmebestätigung",
        "Hiermit bestätigen wir, dass {name}, {partner}, am Programm {programme} vom "
        "{starts_on} bis zum {ends_on} in {place} teilnimmt.",
    ),
    ("confirmation", "en"): (
        "Confirmation of participation",
        "We confirm that {name} of {partner} takes part in the programme {programme} "
        "from {starts_on} to {ends_on} in {place}.",
    ),
    ("certificate", "de"): (
        "Teilnahmebescheinigung",
        "{name}, {partner}, hat vom {starts_on} bis zum {ends_on} erfolgreich am Programm "
        "{programme} teilgenommen und {attendance} der Veranstaltungen besucht.\n\n"
        "{workload}",
    ),
    ("certificate", "en"): (
        "Certificate of attendance",
        "{name} of {partner} successfully took part in the programme {programme} from "
        "{starts_on} to {ends_on} and attended {attendance} of the sessions.\n\n{workload}",
    ),
}


class LetterNotAvailable(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def letter_text(kind: str, language: str) -> tuple[str, str, str]:
    """(title, body, signatory) of a letter, from the admin or the default."""
    stored = LetterText.objects.filter(kind=kind, language=language).first()
    if stored is not None:
        return stored.title, stored.body, stored.signatory
    title, body = DEFAULT_TEXTS[(kind, language)]
    return title, body, ""


def _number(value) -> str:
    return formats.number_format(value.normalize() if hasattr(value, "normalize") else value)


def placeholders(participant, *, attended=None, sessions=None) -> dict[str, str]:
    """The values of the placeholders, in the active language."""
    cohort = participant.cohort
    if sessions is None:
        sessions = cohort.sessions.count()
    if attended is None:
        attended = participant.attendances.filter(present=True).count()
    percent = queries.attendance_percent(attended, sessions)
    workload = []
    if cohort.hours is not None:
        workload.append(_("Workload: %(hours)s hours.") % {"hours": _number(cohort.hours)})
    if cohort.ects is not None:
        workload.append(_("ECTS credits: %(ects)s.") % {"ects": _number(cohort.ects)})
    language = translation.get_language()
    partner_name = cohort.partner.name_de if language == "de" else cohort.partner.name_en
    programme = cohort.title_de if language == "de" else cohort.title_en
    return {
        "name": participant.display_name,
        "name_zh": participant.name_zh,
        "name_pinyin": participant.name_pinyin,
        "passport_name": participant.passport_name,
        "date_of_birth": formats.date_format(participant.date_of_birth, "DATE_FORMAT"),
        "passport_number": participant.passport_number or "–",
        "programme": programme,
        "partner": partner_name,
        "starts_on": formats.date_format(cohort.starts_on, "DATE_FORMAT"),
        "ends_on": formats.date_format(cohort.ends_on, "DATE_FORMAT"),
        "place": cohort.location or "–",
        "hours": _number(cohort.hours) if cohort.hours is not None else "",
        "ects": _number(cohort.ects) if cohort.ects is not None else "",
        "attendance": f"{percent} %" if percent is not None else "–",
        "workload": " ".join(workload),
    }


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def check_available(participant, kind: str) -> None:
    """Raise LetterNotAvailable if the letter cannot be issued to this participant."""
    if kind == LetterKind.CERTIFICATE and not queries.meets_attendance_rule(participant):
        raise LetterNotAvailable(
            _("The certificate needs %(rule)s %% attendance of the sessions.")
            % {"rule": participant.cohort.attendance_rule}
        )
    if kind == LetterKind.VISA_INVITATION and not participant.passport_number:
        raise LetterNotAvailable(_("The visa letter needs the passport number."))


def letter_pdf(participant, kind: str, language: str, *, by=None) -> bytes:
    """One letter as a PDF, with its verification code."""
    check_available(participant, kind)
    with translation.override(language):
        centre = CentreSettings.load()
        title, body, signatory = letter_text(kind, language)
        values = placeholders(participant)
        record = issue_document(
            kind=f"incoming-{kind}",
            holder_name=participant.display_name,
            title=f"{title}: {values['programme']}",
            language=language,
            subject=participant,
            by=by,
        )
        buffer = io.BytesIO()
        document, width = a4_document(buffer, title, centre)
        story = [letterhead(centre, width), Spacer(1, 8 * mm)]
        story.append(paragraph(formats.date_format(timezone.localdate(), "DATE_FORMAT"), "small"))
        story.append(Spacer(1, 6 * mm))
        story.append(paragraph(title, "title"))
        if participant.name_zh:
            story.append(paragraph(f"{participant.name_zh} · {participant.name_pinyin}", "heading"))
        else:
            story.append(paragraph(participant.name_pinyin, "heading"))
        for block in fill(body, values).split("\n\n"):
            story.append(paragraph(block))
        story += [Spacer(1, 10 * mm), paragraph(signatory or centre.name)]
        story += verification_flowables(record)
        document.build(story)
    return buffer.getvalue()


def file_name(participant, kind: str, language: str) -> str:
    stem = slugify(participant.name_pinyin) or f"participant-{participant.pk}"
    return f"{kind}-{language}-{stem}.pdf"


def letters_zip(participants, kind: str, language: str, *, by=None) -> tuple[bytes, list]:
    """The letters of many participants as one ZIP; those who cannot get this letter
    are left out and returned as the second value. Built in memory: a group has at most
    a few dozen people, each letter some tens of kilobytes."""
    buffer = io.BytesIO()
    skipped = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for participant in participants:
            try:
                content = letter_pdf(participant, kind, language, by=by)
            except LetterNotAvailable:
                skipped.append(participant)
                continue
            archive.writestr(file_name(participant, kind, language), content)
    return buffer.getvalue(), skipped
