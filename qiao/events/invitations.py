"""Reading a list of invitees from a CSV file (delegations, guests of honour).

The file is UTF-8, with or without the byte order mark Excel writes, separated by ";" or
","; the first line names the columns: name, e-mail, language and, optionally,
organisation and note (German or English headings). Every row is checked; a file with
any error imports nothing, and each error names its line."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

HEADINGS = {
    "name": "name",
    "e-mail": "email",
    "email": "email",
    "e-mail-adresse": "email",
    "language": "language",
    "sprache": "language",
    "organisation": "organisation",
    "organization": "organisation",
    "institution": "organisation",
    "note": "note",
    "notiz": "note",
    "bemerkung": "note",
}
REQUIRED = ("name", "email", "language")
LANGUAGES = {
    "de": "de",
    "deutsch": "de",
    "german": "de",
    "en": "en",
    "englisch": "en",
    "english": "en",
    "zh": "zh-hans",
    "zh-hans": "zh-hans",
    "chinesisch": "zh-hans",
    "chinese": "zh-hans",
    "中文": "zh-hans",
}
MAX_ROWS = 2000


@dataclass
class Invitee:
    line: int
    name: str
    email: str
    language: str
    organisation: str = ""
    note: str = ""


@dataclass
class ParsedList:
    invitees: list[Invitee] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def parse(content: bytes, *, taken_emails=frozenset()) -> ParsedList:
    """The invitees of a CSV file, or the errors per line. ``taken_emails`` (lower case)
    are already invited or registered for the event."""
    result = ParsedList()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append((0, _("The file is not UTF-8. Save it as “CSV UTF-8”.")))
        return result
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        result.errors.append((1, _("The file is empty.")))
        return result
    separator = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    header = [HEADINGS.get(cell.strip().lower(), "") for cell in next(reader)]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        result.errors.append(
            (
                1,
                _("The first line must name the columns %(columns)s; missing: %(missing)s.")
                % {"columns": "name; email; language", "missing": ", ".join(missing)},
            )
        )
        return result
    seen = {}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if line > MAX_ROWS + 1:
            result.errors.append((line, _("At most %(count)d rows.") % {"count": MAX_ROWS}))
            break
        values = {key: "" for key in HEADINGS.values()}
        for key, cell in zip(header, row, strict=False):
            if key:
                values[key] = cell.strip()
        problems = []
        if not values["name"]:
            problems.append(_("the name is missing"))
        elif len(values["name"]) > 200:
            problems.append(_("the name is longer than 200 characters"))
        email = values["email"]
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("“%(email)s” is not an e-mail address") % {"email": email})
        else:
            if email.lower() in seen:
                problems.append(
                    _("the e-mail address is already on line %(line)d")
                    % {"line": seen[email.lower()]}
                )
            elif email.lower() in taken_emails:
                problems.append(_("this address is already invited or registered"))
            seen.setdefault(email.lower(), line)
        language = LANGUAGES.get(values["language"].lower())
        if language is None:
            problems.append(
                _("the language must be de, en or zh, not “%(value)s”")
                % {"value": values["language"]}
            )
        if len(values["organisation"]) > 200:
            problems.append(_("the organisation is longer than 200 characters"))
        if problems:
            result.errors.append((line, "; ".join(problems)))
            continue
        result.invitees.append(
            Invitee(
                line=line,
                name=values["name"],
                email=email,
                language=language,
                organisation=values["organisation"],
                note=values["note"][:1000],
            )
        )
    if not result.invitees and not result.errors:
        result.errors.append((2, _("The file has no invitees.")))
    return result
