"""Reading a partner's roster (XLSX or CSV) and checking every row before anything is
imported. A file with any error imports nothing: staff see each error with its line
number, fix the file and upload it again.

The files come from outside: the size is limited before reading, XLSX is read with
openpyxl's streaming reader (no formulas evaluated, nothing rendered), cells that start
like a formula are refused (they would run when staff open an export in a spreadsheet
program), and every parser failure becomes a message, never a server error."""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import Gender, ParticipantRole
from .models import Participant

# (field, header in the template). A file's header may also give the part before " / "
# or the field name itself.
COLUMNS = [
    ("name_zh", "Name in Chinese characters / 中文姓名"),
    ("name_pinyin", "Name in pinyin / 姓名拼音"),
    ("passport_name", "Name as in the passport / 护照姓名"),
    ("date_of_birth", "Date of birth (YYYY-MM-DD) / 出生日期"),
    ("email", "E-mail / 电子邮箱"),
    ("role", "Role (student, lecturer, staff) / 身份"),
    ("gender", "Gender (female, male, diverse; optional) / 性别"),
]
REQUIRED_COLUMNS = [name for name, _header in COLUMNS if name != "gender"]
FORMULA_START = ("=", "+", "-", "@")
MAX_ROWS = 500
ROLE_WORDS = {
    "student": ParticipantRole.STUDENT,
    "学生": ParticipantRole.STUDENT,
    "lecturer": ParticipantRole.LECTURER,
    "teacher": ParticipantRole.LECTURER,
    "教师": ParticipantRole.LECTURER,
    "老师": ParticipantRole.LECTURER,
    "staff": ParticipantRole.STAFF,
    "职员": ParticipantRole.STAFF,
    "工作人员": ParticipantRole.STAFF,
}
GENDER_WORDS = {
    "female": Gender.FEMALE,
    "f": Gender.FEMALE,
    "女": Gender.FEMALE,
    "male": Gender.MALE,
    "m": Gender.MALE,
    "男": Gender.MALE,
    "diverse": Gender.DIVERSE,
    "d": Gender.DIVERSE,
}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d", "%Y.%m.%d")


class RosterFileError(Exception):
    """The file as a whole cannot be used (too large, unreadable, wrong template)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class RowError:
    line: int
    messages: list[str]


@dataclass
class RosterCheck:
    rows: list[dict] = field(default_factory=list)  # cleaned, ready to import
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


class RosterRowForm(forms.ModelForm):
    """One row: the same rules as the back office's participant form."""

    class Meta:
        model = Participant
        fields = [name for name, _header in COLUMNS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_zh"].required = False
        self.fields["gender"].required = False


def _header_key(text: str) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def _column_names() -> dict[str, str]:
    names = {}
    for name, header in COLUMNS:
        names[_header_key(header)] = name
        names[_header_key(header.split(" / ")[0])] = name
        names[_header_key(name)] = name
    return names


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _check_size(uploaded) -> None:
    limit = settings.INCOMING_ROSTER_MAX_BYTES
    if uploaded.size > limit:
        raise RosterFileError(
            _("The file is too large (%(size)s); a roster may have at most %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )


def read_table(uploaded) -> list[list[str]]:
    """The file's rows as lists of text (the first is the header)."""
    _check_size(uploaded)
    uploaded.seek(0)
    data = uploaded.read()
    if not data.strip():
        raise RosterFileError(_("The file is empty."))
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise RosterFileError(
            _("This is an old Excel file (.xls). Please save it as .xlsx or .csv.")
        )
    return _read_csv(data)


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            rows = []
            for row in sheet.iter_rows(values_only=True, max_col=len(COLUMNS) + 20):
                rows.append([_cell_text(value) for value in row])
                if len(rows) > MAX_ROWS + 1:
                    break
        finally:
            workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError) as error:
        raise _unreadable() from error
    except Exception as error:  # any parser failure on a partner's file is an unreadable file
        raise _unreadable() from error
    return rows


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes almost every byte string
        raise _unreadable()
    if "\x00" in text:
        raise _unreadable()
    first_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        rows = []
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            rows.append([cell.strip() for cell in row])
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as error:
        raise _unreadable() from error
    return rows


def _unreadable() -> RosterFileError:
    return RosterFileError(
        _(
            "The file cannot be read. Please upload the roster as .xlsx or .csv, "
            "made from the template."
        )
    )


def _parse_date(text: str) -> str:
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date().isoformat()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return text  # the form then says what is wrong


def check_roster(uploaded, cohort) -> RosterCheck:
    """Read and check the whole file against ``cohort``; raises RosterFileError for a
    file that cannot be used at all."""
    table = read_table(uploaded)
    while table and not any(table[0]):
        table.pop(0)
    if not table:
        raise RosterFileError(_("The file is empty."))
    names = _column_names()
    header = [names.get(_header_key(cell)) for cell in table[0]]
    missing = [dict(COLUMNS)[name] for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise RosterFileError(
            _(
                "This is not the roster template: the column(s) %(columns)s are missing. "
                "Please download the template and copy the data into it."
            )
            % {"columns": "; ".join(f"“{column}”" for column in missing)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise RosterFileError(_("The file has more than %(limit)s rows.") % {"limit": MAX_ROWS})
    result = RosterCheck()
    seen_people: dict[tuple, int] = {}
    seen_emails: dict[str, int] = {}
    existing = Participant.objects.active().filter(cohort=cohort)
    existing_people = {
        (name.casefold(), birth)
        for name, birth in existing.values_list("passport_name", "date_of_birth")
    }
    existing_emails = {email.casefold() for email in existing.values_list("email", flat=True)}
    for line, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        values = {name: "" for name, _header in COLUMNS}
        for name, cell in zip(header, cells, strict=False):
            if name:
                values[name] = cell
        messages = _row_messages(values)
        if messages:
            result.errors.append(RowError(line, messages))
            continue
        form = RosterRowForm(data=_normalised(values))
        if not form.is_valid():
            result.errors.append(
                RowError(
                    line,
                    [
                        f"{form.fields[name].label}: {' '.join(errors)}"
                        for name, errors in form.errors.items()
                    ],
                )
            )
            continue
        row = form.cleaned_data
        person = (row["passport_name"].casefold(), row["date_of_birth"])
        email = row["email"].casefold()
        duplicate = []
        if person in seen_people or email in seen_emails:
            first = seen_people.get(person) or seen_emails.get(email)
            duplicate.append(
                _(
                    "The same person as in line %(line)s (passport name and date of birth, "
                    "or e-mail)."
                )
                % {"line": first}
            )
        if person in existing_people or email in existing_emails:
            duplicate.append(_("This person is already in the group."))
        seen_people.setdefault(person, line)
        seen_emails.setdefault(email, line)
        if duplicate:
            result.errors.append(RowError(line, duplicate))
            continue
        result.rows.append(row)
    if not result.errors and not result.rows:
        raise RosterFileError(_("The file has no participants below the header."))
    free = cohort.capacity - existing.count()
    if not result.errors and len(result.rows) > free:
        raise RosterFileError(
            _("The group has %(free)s free places; the file has %(rows)s participants.")
            % {"free": free, "rows": len(result.rows)}
        )
    return result


def _row_messages(values: dict) -> list[str]:
    formulas = [name for name, value in values.items() if value and value.startswith(FORMULA_START)]
    return [
        _("“%(column)s” starts with %(sign)s like a formula; formulas are not accepted.")
        % {"column": dict(COLUMNS)[name].split(" / ")[0], "sign": values[name][0]}
        for name in formulas
    ]


def _normalised(values: dict) -> dict:
    data = dict(values)
    data["date_of_birth"] = _parse_date(values["date_of_birth"])
    role = values["role"].strip()
    data["role"] = ROLE_WORDS.get(role.casefold(), role)
    gender = values["gender"].strip()
    data["gender"] = GENDER_WORDS.get(gender.casefold(), gender)
    return data


def template_csv() -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([header for _name, header in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode()


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Roster"
    sheet.append([header for _name, header in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, _column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 32
    # Dates and every other column as text, so that spreadsheet programs keep them.
    for row in sheet.iter_rows(min_row=2, max_row=MAX_ROWS + 1, max_col=len(COLUMNS)):
        for cell in row:
            cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TEMPLATE_HELP = gettext_lazy(
    "One row per person; dates as YYYY-MM-DD; role student, lecturer or staff."
)
