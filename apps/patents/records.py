"""From a row of a database export to a checked patent record (issue 16), and the record rules shared with the form.

- `FIELDS`: the fields an export's columns map to (`layouts.py` maps the headers), in order, each with its label,
  whether the import needs it and whether it holds several values.
- `parse_row(values, mapping, headers, row_number=, today=) -> (PatentRecord | None, [RowError])`: reads one row:
  the application number normalised (`numbers.py`), dates from date cells, "2018/05/25", "2018-05-25",
  "2018.05.25", "20180525", "2018年5月25日" or an Excel serial number; several values split on ";", "；", "|" (or a
  line break); the vendors' words for the patent type and the legal status; "不公告发明人" → inventors withheld.
  A row whose mapped cells are all empty is skipped: (None, []). Every problem of the row is reported, not only
  the first; a row with any error gives no record.
- `check_record(record, today=) -> [(field, reason)]`: the rules across fields (dates not in the future and not
  before filing, a grant only for a granted status or type, the type agreeing with the number's type digit, counts
  not negative…). `parse_row` applies it; the portfolio's form calls it too.
- `check_mapping(mapping, headers)`: a mapping the import can run with (the required fields present, each column
  used once), else DomainError.
"""

import datetime as dt
import functools
import math
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import inputs
from apps.core import text as core_text
from apps.core.errors import DomainError, join_messages

from . import numbers
from .models import FamilyMember, Patent

S = Patent.LegalStatus
T = Patent.Type


@dataclass(frozen=True)
class Field:
    label: object  # lazy translation
    required: bool = False
    multi: bool = False


FIELDS: dict[str, Field] = {
    "application_number": Field(gettext_lazy("Application number"), required=True),
    "title": Field(gettext_lazy("Title"), required=True),
    "patent_type": Field(gettext_lazy("Patent type")),
    "abstract": Field(gettext_lazy("Abstract")),
    "ipc_main": Field(gettext_lazy("Main IPC")),
    "ipc_codes": Field(gettext_lazy("IPC codes"), multi=True),
    "applicants": Field(gettext_lazy("Applicants"), multi=True),
    "inventors": Field(gettext_lazy("Inventors"), multi=True),
    "filing_date": Field(gettext_lazy("Filing date"), required=True),
    "publication_number": Field(gettext_lazy("Publication number")),
    "publication_date": Field(gettext_lazy("Publication date")),
    "grant_date": Field(gettext_lazy("Grant date")),
    "legal_status": Field(gettext_lazy("Legal status")),
    # incoPat's 专利有效性 (有效 / 失效 / 审中): helps when the legal status is missing or coarse.
    "validity": Field(gettext_lazy("Validity (in force / lapsed / pending)")),
    "priority_number": Field(gettext_lazy("Priority number"), multi=True),
    "priority_date": Field(gettext_lazy("Priority date"), multi=True),
    "pct_number": Field(gettext_lazy("PCT application number")),
    "family": Field(gettext_lazy("Simple family"), multi=True),
    "claims_count": Field(gettext_lazy("Number of claims")),
    "cited_by_count": Field(gettext_lazy("Times cited")),
    "cites_count": Field(gettext_lazy("Citations made")),
}
REQUIRED = tuple(key for key, spec in FIELDS.items() if spec.required)

# The statuses under which a patent has been granted (a grant date makes sense).
GRANTED_STATUSES = (S.GRANTED, S.EXPIRED, S.LAPSED, S.INVALIDATED)

WITHHELD_INVENTORS = "不公告发明人"
SPLIT = re.compile(r"\s*[;；|\n]\s*")


@dataclass
class PatentRecord:
    """A patent as read from one row (or entered by form): the Patent model's fields, plus the simple family."""

    application_number: str  # normalised (numbers.normalise)
    title: str
    filing_date: date | None
    patent_type: str = ""  # a Patent.Type value
    country: str = "CN"
    abstract: str = ""
    ipc_main: str = ""
    ipc_codes: list[str] = field(default_factory=list)  # main first
    applicants: list[str] = field(default_factory=list)
    inventors: list[str] = field(default_factory=list)
    inventors_withheld: bool = False
    publication_number: str = ""
    publication_date: date | None = None
    grant_date: date | None = None
    legal_status: str = S.PENDING  # a Patent.LegalStatus value
    priority_number: str = ""
    priority_date: date | None = None
    is_pct: bool = False
    pct_number: str = ""
    claims_count: int | None = None
    cited_by_count: int | None = None
    cites_count: int | None = None
    family: list[str] = field(default_factory=list)  # numbers as written (upper case, no spaces)
    # Not a model field: the export's type said the patent is granted ("发明授权").
    granted_type: bool = False
    # Not a model field: the type digit of a Chinese number (numbers.Number.kind), "" for a foreign number.
    number_kind: str = ""

    MODEL_FIELDS = (
        "application_number",
        "country",
        "patent_type",
        "title",
        "abstract",
        "ipc_main",
        "ipc_codes",
        "applicants",
        "inventors",
        "inventors_withheld",
        "filing_date",
        "publication_number",
        "publication_date",
        "grant_date",
        "legal_status",
        "priority_number",
        "priority_date",
        "is_pct",
        "pct_number",
        "claims_count",
        "cited_by_count",
        "cites_count",
    )

    def model_values(self) -> dict:
        """The values of the Patent fields this record sets (not `family`: FamilyMember rows)."""
        return {name: getattr(self, name) for name in self.MODEL_FIELDS}

    def model_row(self) -> tuple:
        """The same values as a tuple, in `MODEL_FIELDS` order (what the import's pass 2 writes)."""
        return _model_row(self)


_model_row = operator.attrgetter(*PatentRecord.MODEL_FIELDS)


@dataclass
class RowError:
    """One problem of one row: the spreadsheet row (1-based), the column's header, the value as written and the
    reason (Chinese)."""

    row: int
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}


# ---------------------------------------------------------------- words of the vendors


def _word(text) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


# patent type word → (Patent.Type, the word says granted)
TYPE_WORDS = {
    "发明授权": (T.INVENTION, True),
    "授权发明": (T.INVENTION, True),
    "发明申请": (T.INVENTION, False),
    "发明公开": (T.INVENTION, False),
    "发明公布": (T.INVENTION, False),
    "发明": (T.INVENTION, False),
    "发明专利": (T.INVENTION, False),
    "发明专利申请": (T.INVENTION, False),
    "实用新型": (T.UTILITY_MODEL, False),
    "实用新型专利": (T.UTILITY_MODEL, False),
    "实用": (T.UTILITY_MODEL, False),
    "新型": (T.UTILITY_MODEL, False),
    "外观设计": (T.DESIGN, False),
    "外观设计专利": (T.DESIGN, False),
    "外观": (T.DESIGN, False),
    "invention": (T.INVENTION, False),
    "inventionpatent": (T.INVENTION, False),
    "inventionapplication": (T.INVENTION, False),
    "grantedinvention": (T.INVENTION, True),
    "inventiongrant": (T.INVENTION, True),
    "utilitymodel": (T.UTILITY_MODEL, False),
    "utility": (T.UTILITY_MODEL, False),
    "design": (T.DESIGN, False),
    "industrialdesign": (T.DESIGN, False),
}

# legal status word (incoPat 当前法律状态, Patentics 法律状态, CNIPA) → Patent.LegalStatus
STATUS_WORDS = {
    "授权": S.GRANTED,
    "有效": S.GRANTED,
    "专利权有效": S.GRANTED,
    "授权有效": S.GRANTED,
    "维持": S.GRANTED,
    "专利权维持": S.GRANTED,
    "部分无效": S.GRANTED,  # the patent stands with fewer claims
    "权利恢复": S.GRANTED,
    "许可": S.GRANTED,
    "转让": S.GRANTED,
    "质押": S.GRANTED,
    "公开": S.PUBLISHED,
    "公布": S.PUBLISHED,
    "实质审查": S.PUBLISHED,
    "实审": S.PUBLISHED,
    "实质审查的生效": S.PUBLISHED,
    "审中": S.PENDING,
    "在审": S.PENDING,
    "申请": S.PENDING,
    "受理": S.PENDING,
    "未决": S.PENDING,
    "pct指定期内": S.PENDING,
    "驳回": S.REJECTED,
    "申请驳回": S.REJECTED,
    "撤回": S.WITHDRAWN,
    "视为撤回": S.WITHDRAWN,
    "申请撤回": S.WITHDRAWN,
    "主动撤回": S.WITHDRAWN,
    "放弃": S.LAPSED,
    "视为放弃": S.LAPSED,
    "主动放弃": S.LAPSED,
    "避重放弃": S.LAPSED,
    "未缴年费": S.LAPSED,
    "权利终止": S.LAPSED,
    "专利权终止": S.LAPSED,
    "终止": S.LAPSED,
    "失效": S.LAPSED,
    "pct指定期满": S.LAPSED,
    "期限届满": S.EXPIRED,
    "届满": S.EXPIRED,
    "无效": S.INVALIDATED,
    "全部无效": S.INVALIDATED,
    "宣告无效": S.INVALIDATED,
    "granted": S.GRANTED,
    "active": S.GRANTED,
    "alive": S.GRANTED,
    "inforce": S.GRANTED,
    "valid": S.GRANTED,
    "pending": S.PENDING,
    "filed": S.PENDING,
    "published": S.PUBLISHED,
    "examination": S.PUBLISHED,
    "underexamination": S.PUBLISHED,
    "rejected": S.REJECTED,
    "refused": S.REJECTED,
    "withdrawn": S.WITHDRAWN,
    "abandoned": S.LAPSED,
    "lapsed": S.LAPSED,
    "dead": S.LAPSED,
    "inactive": S.LAPSED,
    "expired": S.EXPIRED,
    "invalid": S.INVALIDATED,
    "invalidated": S.INVALIDATED,
    "revoked": S.INVALIDATED,
}

# incoPat 专利有效性 → (the status it implies alone, whether the right is in force)
VALIDITY_WORDS = {
    "有效": S.GRANTED,
    "失效": S.LAPSED,
    "审中": S.PENDING,
    "在审": S.PENDING,
    "未确认": None,
    "pct指定期内": S.PENDING,
    "pct指定期满": S.LAPSED,
    "active": S.GRANTED,
    "inactive": S.LAPSED,
    "pending": S.PENDING,
}


def patent_type_of(text) -> tuple[str, bool] | None:
    """(Patent.Type value, the word says granted) for a vendor's type word, None when unknown."""
    word = _word(text)
    return TYPE_WORDS.get(word) or TYPE_WORDS.get(word.removesuffix("专利"))


def legal_status_of(text) -> str | None:
    """The Patent.LegalStatus of a vendor's status word (or of the last recognised one of several, the latest
    event: "公开;实质审查;授权" → granted); None when no word is known."""
    found = None
    for part in SPLIT.split(str(text)):
        word = _word(part)
        status = STATUS_WORDS.get(word)
        if status is None:
            status = next((s for w, s in _STATUS_PREFIXES if word.startswith(w)), None)
        if status is not None:
            found = status
    return found


# "专利权终止（未缴年费）", "驳回-2019…": a known word followed by detail; longest words first.
_STATUS_PREFIXES = sorted(
    ((word, status) for word, status in STATUS_WORDS.items() if len(word) >= 2), key=lambda item: -len(item[0])
)


# ---------------------------------------------------------------- values


def split(value) -> list[str]:
    """The values of a multi-valued cell, stripped, empty ones and repeats dropped, in order."""
    if value is None:
        return []
    seen, out = set(), []
    for part in SPLIT.split(str(value)):
        part = part.strip()
        if part and part not in seen:
            seen.add(part)
            out.append(part)
    return out


_IPC = re.compile(r"([A-H]\d{2}[A-Z])\s*(\d{1,4})\s*/\s*(\d{1,6})")


def ipc(code: str) -> str:
    """An IPC code as "G06F 16/783" (NFKC, upper case, one space after the subclass); kept as written otherwise."""
    text = unicodedata.normalize("NFKC", code).strip().upper()
    match = _IPC.fullmatch(text)
    return f"{match.group(1)} {match.group(2)}/{match.group(3)}" if match else " ".join(text.split())


EXCEL_EPOCH = date(1899, 12, 30)
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def parse_date(value) -> date | None:
    """A date from a cell: a date/datetime, "2018/05/25", "2018-05-25", "2018.05.25", "2018年5月25日" (a time
    after it is ignored), "20180525", or an Excel serial number (days since 1899-12-30). None for an empty cell;
    ValueError when it is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, int) and 10_000_000 <= value <= 99_999_999:
            return _compact(str(value))
        if 1 <= value < 2_958_466 and float(value).is_integer():
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if match := _DATE.fullmatch(text):
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if _COMPACT_DATE.fullmatch(text):
        return _compact(text)
    raise ValueError(value)


def _compact(text: str) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_count(value) -> int | None:
    """A whole number from a cell ("12", 12, 12.0); None for an empty cell; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    if re.fullmatch(r"[+-]?\d+(?:\.0+)?", text):
        return int(float(text)) if "." in text else int(text)
    raise ValueError(value)


def number_text(value) -> str:
    """An application number cell as text. A numeric cell lost a trailing ".0": 201611162814 (12 or 8 digits)
    whose check character is 0 is read as "201611162814.0"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        digits = str(value)
        if len(digits) in (12, 8) and numbers.check_character(digits) == "0":
            return f"{digits}.0"
        return digits
    return str(value).strip()


def _text(value) -> str:
    if value is None:
        return ""
    if value.__class__ is str:
        return value.strip()
    if isinstance(value, date):  # a datetime is a date
        return value.isoformat()
    return str(value).strip()


def _shown(value) -> str:
    text = _text(value)
    return text if len(text) <= 200 else text[:199] + "…"


# ---------------------------------------------------------------- one row


MAX_LENGTHS = {"title": 500, "publication_number": 40, "priority_number": 40, "pct_number": 40, "ipc_main": 32}

# A parser remembers at most this many distinct texts per kind of cell (a 100 000-row file repeats its types,
# statuses, dates, applicants and IPC codes); past that a text is read again each time (memory stays bounded).
CACHE_ENTRIES = 20_000


def clean_text(value: str, line_break: str = " ") -> str:
    """`apps.core.text.normalise(value, line_break=…)`, without its work for the common text that it leaves as it
    is: printable (no control, format, separator other than space, unassigned or surrogate character: nothing it
    removes or turns into a line break) and already NFC."""
    if value.isprintable() and unicodedata.is_normalized("NFC", value):
        return value
    return core_text.normalise(value, line_break=line_break)


# The cells a parser reads from each row, in this order (`RowParser.parse` unpacks them by position).
CELLS = (
    "application_number",
    "title",
    "patent_type",
    "abstract",
    "ipc_main",
    "ipc_codes",
    "applicants",
    "inventors",
    "filing_date",
    "publication_number",
    "publication_date",
    "grant_date",
    "legal_status",
    "validity",
    "priority_number",
    "priority_date",
    "pct_number",
    "family",
    "claims_count",
    "cited_by_count",
    "cites_count",
)
_CELL = {key: position for position, key in enumerate(CELLS)}


class RowParser:
    """`parse_row` for the rows of one file, set up once: the mapped columns, their headers and today.

        parser = RowParser(mapping, headers, today=today)
        record, errors = parser.parse(values, row_number=7)   # (PatentRecord | None, [RowError])

    The cells of a row are taken in one step (`operator.itemgetter` over the mapped columns, chosen once) into
    `CELLS` order. The vendors' words (type, legal status, validity), dates written as text, the main IPC and the
    multi-valued cells (applicants, inventors, IPC codes, priority numbers) are read once per distinct text and
    remembered in this parser (at most `CACHE_ENTRIES` each): one parser per file, so nothing is remembered from one
    import to the next. A remembered value is only ever a successful reading; a bad value is read, and refused,
    every time.

    Beyond the rules of `parse_row` and `check_record`, each record is held to the rules every save of a Patent
    applies (`apps.core.text`: text normalised; `apps.core.inputs.check_instance`: lengths, date ranges, number
    ranges), so that a row that would be refused at the write is named in pass 1 and the write takes the values as
    they are."""

    def __init__(self, mapping: dict[str, int], headers: list[str], *, today: date):
        self.mapping = dict(mapping)
        self.headers = headers
        self.today = today
        # Column of each cell, -1 when unmapped: read from the row with a None appended, whose last item stands for
        # every unmapped cell. A row narrower than the widest mapped column, or a mapping with a column below 0
        # (an unchecked mapping in the preview), is read cell by cell.
        self._columns = tuple(self.mapping.get(key, -1) for key in CELLS)
        self._width = max(self._columns) + 1
        self._plain = all(index >= 0 for index in self.mapping.values())
        self._take = operator.itemgetter(*self._columns)
        self._caches: dict[str, dict] = {}

    # ---------------------------------------------------------------- remembered readings

    def _remembered(self, kind: str, value, read):
        """`read(value)` once per distinct `value` of this `kind` (text values only; others are read each time).
        `read` raising leaves nothing remembered."""
        if value.__class__ is not str:
            return read(value)
        cache = self._caches.setdefault(kind, {})
        try:
            return cache[value]
        except KeyError:
            found = read(value)
            if len(cache) < CACHE_ENTRIES:
                cache[value] = found
            return found

    def _date(self, value, key: str, refuse) -> date | None:
        """`_date_cell`; a date written as text, or a date-and-time cell, is read once per distinct value (only a
        good one is kept)."""
        if value.__class__ is str or value.__class__ is dt.datetime:
            cache = self._caches.setdefault("date", {})
            found = cache.get(value)
            if found is not None:
                return found
            parsed = _date_cell(value, key, refuse)
            if parsed is not None and len(cache) < CACHE_ENTRIES:
                cache[value] = parsed
            return parsed
        return _date_cell(value, key, refuse)

    # ---------------------------------------------------------------- one row

    def _column(self, key: str) -> str:
        index = self.mapping.get(key)
        headers = self.headers
        if index is not None and 0 <= index < len(headers) and str(headers[index] or "").strip():
            return str(headers[index]).strip()
        return str(FIELDS[key].label)

    def cells(self, values: list) -> list:
        """The row's cells in `CELLS` order: None for an unmapped or missing cell and for blank text."""
        if self._plain and len(values) >= self._width:
            found = self._take([*values, None])
        else:
            width = len(values)
            found = [values[index] if 0 <= index < width else None for index in self._columns]
        return [None if isinstance(value, str) and not value.strip() else value for value in found]

    def parse(self, values: list, *, row_number: int) -> tuple["PatentRecord | None", list[RowError]]:
        """The record of one row; see `parse_row`."""
        cells = self.cells(values)
        if cells.count(None) == len(cells):
            return None, []
        (
            number_cell,
            title_cell,
            type_cell,
            abstract_cell,
            ipc_main_cell,
            ipc_cell,
            applicants_cell,
            inventors_cell,
            filing_cell,
            publication_number_cell,
            publication_cell,
            grant_cell,
            status_cell,
            validity_cell,
            priority_number_cell,
            priority_cell,
            pct_cell,
            family_cell,
            claims_cell,
            cited_by_cell,
            cites_cell,
        ) = cells
        errors: list[RowError] = []

        def refuse(key: str, reason) -> None:
            errors.append(RowError(row_number, self._column(key), _shown(cells[_CELL[key]]), str(reason)))

        for key in REQUIRED:
            if cells[_CELL[key]] is None:
                refuse(key, _("%(field)s is missing.") % {"field": FIELDS[key].label})

        number = None
        if number_cell is not None:
            try:
                number = numbers.normalise(number_text(number_cell))
            except DomainError as exc:
                refuse("application_number", exc.message)

        filing = self._date(filing_cell, "filing_date", refuse)
        published = self._date(publication_cell, "publication_date", refuse)
        granted = self._date(grant_cell, "grant_date", refuse)
        priority_dates = []
        if _is_date(priority_cell):
            parsed = _date_cell(priority_cell, "priority_date", refuse)
            priority_dates = [parsed] if parsed else []
        else:
            for part in self._remembered("split", priority_cell, split):
                parsed = self._date(part, "priority_date", refuse)
                if parsed:
                    priority_dates.append(parsed)

        counts = []
        for key, cell in (
            ("claims_count", claims_cell),
            ("cited_by_count", cited_by_cell),
            ("cites_count", cites_cell),
        ):
            try:
                counts.append(parse_count(cell))
            except ValueError:
                counts.append(None)
                refuse(key, _("%(field)s must be a whole number.") % {"field": FIELDS[key].label})

        patent_type, granted_type = "", False
        if type_cell is not None:
            found = self._remembered("type", type_cell, patent_type_of)
            if found is None:
                refuse(
                    "patent_type",
                    _(
                        "Unknown patent type: write 发明授权, 发明申请 (or 发明), 实用新型 or 外观设计 "
                        "(invention, utility model, design)."
                    ),
                )
            else:
                patent_type, granted_type = found
        elif number is not None and number.kind:
            patent_type = number.kind
        elif number is not None:
            refuse("patent_type", _("Patent type is missing: a foreign number does not say the type; map its column."))

        status = self._remembered("status", status_cell, legal_status_of) if status_cell is not None else None
        validity = self._remembered("validity", validity_cell, _validity_of) if validity_cell is not None else None
        if status is None and status_cell is not None and validity is None:
            refuse(
                "legal_status",
                _(
                    "Unknown legal status: expected words such as 授权, 有效, 审中, 实质审查, 公开, 驳回, 撤回, 放弃, "
                    "未缴年费, 期限届满, 失效 or 无效."
                ),
            )

        # The texts as the save of the Patent stores them (`clean_text`; a CharField keeps a line break as a space,
        # the abstract, a TextField, as a line feed); a title that was only invisible characters is missing.
        title = " ".join(clean_text(" ".join(_text(title_cell).split())).split())
        abstract = clean_text(_text(abstract_cell), "\n")
        ipc_main = self._remembered("ipc_main", _text(ipc_main_cell), _ipc_main)
        publication_number = clean_text(_squeezed(_text(publication_number_cell)))
        pct_number = clean_text(_squeezed(_text(pct_cell)))
        priority_numbers = self._remembered("priority_numbers", priority_number_cell, _squeezed_parts)
        priority_number = priority_numbers[0] if priority_numbers else ""
        if title_cell is not None and not title:
            refuse("title", _("%(field)s is missing.") % {"field": FIELDS["title"].label})
        lengths = (
            ("title", title),
            ("publication_number", publication_number),
            ("priority_number", priority_number),
            ("pct_number", pct_number),
            ("ipc_main", ipc_main),
        )
        for key, value in lengths:
            limit = MAX_LENGTHS[key]
            if len(value) > limit:
                refuse(
                    key, _("%(field)s is longer than %(max)d characters.") % {"field": FIELDS[key].label, "max": limit}
                )

        if errors:
            return None, errors

        ipc_codes = list(self._remembered("ipc", ipc_cell, _ipc_codes))
        ipc_main = ipc_main or (ipc_codes[0] if ipc_codes else "")
        if ipc_main:
            ipc_codes = [ipc_main, *[code for code in ipc_codes if code != ipc_main]]
        inventors, withheld = self._remembered("inventors", inventors_cell, _inventors)
        dates = {"filing_date": filing, "publication_date": published, "grant_date": granted}
        legal_status = _legal_status(status, validity, dates, granted_type, publication_number, patent_type)
        record = PatentRecord(
            application_number=number.number,
            country=number.country,
            patent_type=str(patent_type),
            title=title,
            abstract=abstract,
            ipc_main=ipc_main,
            ipc_codes=ipc_codes,
            applicants=list(self._remembered("split", applicants_cell, split)),
            inventors=list(inventors),
            inventors_withheld=withheld,
            filing_date=filing,
            publication_number=publication_number,
            publication_date=published,
            grant_date=granted,
            legal_status=str(legal_status),
            priority_number=priority_number,
            priority_date=min(priority_dates) if priority_dates else None,
            is_pct=bool(pct_number) or number.via_pct or number.country == "WO",
            pct_number=pct_number,
            claims_count=counts[0],
            cited_by_count=counts[1],
            cites_count=counts[2],
            family=_family_numbers(family_cell),
            granted_type=granted_type,
            number_kind=number.kind,
        )
        problems = check_record(record, today=self.today)
        said = {key for key, _reason in problems}
        problems += [(key, reason) for key, reason in save_problems(record) if key not in said]
        for key, reason in problems:
            refuse(key if key in FIELDS else "application_number", reason)
        return (None, errors) if errors else (record, [])


def parse_row(
    values: list, mapping: dict[str, int], headers: list[str], *, row_number: int, today: date
) -> tuple[PatentRecord | None, list[RowError]]:
    """The record of one row (`values`, as `readers.Table.iter_rows` gives it) under `mapping` ({field: 0-based
    column}); `headers` name the columns in errors; `row_number` is the spreadsheet's 1-based row. (None, []) for a
    blank row; (None, errors) for a row with any problem; (record, []) otherwise. For many rows of one file, use one
    `RowParser`."""
    return RowParser(mapping, headers, today=today).parse(values, row_number=row_number)


def _squeezed(value: str) -> str:
    """NFKC, upper case, no space at all (publication, PCT, priority and family numbers)."""
    if not value.isascii():  # NFKC leaves ASCII as it is
        value = unicodedata.normalize("NFKC", value)
    return "".join(value.split()).upper()


def _squeezed_parts(value) -> tuple[str, ...]:
    """The numbers of a multi-valued number cell, each `_squeezed` and then normalised as a save stores text
    (`clean_text`); one that was only invisible characters is dropped."""
    return tuple(number for part in split(value) if (number := clean_text(_squeezed(part))))


def _family_numbers(value) -> list[str]:
    """The simple family: each number as `_squeezed_parts` gives it, repeats dropped, in order."""
    return list(dict.fromkeys(_squeezed_parts(value)))


def _ipc_main(value: str) -> str:
    """The main IPC as `ipc` writes it, normalised as a save stores text (`clean_text`); "" for none."""
    return clean_text(ipc(value)) if value else ""


def _ipc_codes(value) -> tuple[str, ...]:
    """The IPC codes of a cell, each as `ipc` writes it, repeats dropped, in order."""
    return tuple(dict.fromkeys(ipc(code) for code in split(value)))


def _inventors(value) -> tuple[tuple[str, ...], bool]:
    """(the inventors named, whether the cell says they are withheld: 不公告发明人)."""
    names = split(value)
    return tuple(name for name in names if name != WITHHELD_INVENTORS), WITHHELD_INVENTORS in names


def _validity_of(value) -> str | None:
    return VALIDITY_WORDS.get(_word(value))


def _is_date(value) -> bool:
    return isinstance(value, date | int | float) and not isinstance(value, bool)


def _date_cell(value, key, refuse) -> date | None:
    try:
        parsed = parse_date(value)
    except (ValueError, OverflowError):
        refuse(
            key,
            _("%(field)s is not a date: write it like 2018-05-25, 2018/05/25, 2018.05.25 or 20180525.")
            % {"field": FIELDS[key].label},
        )
        return None
    if parsed is not None and not inputs.HISTORY_DATES.first <= parsed <= inputs.HISTORY_DATES.last:
        refuse(key, inputs.HISTORY_DATES.message(FIELDS[key].label))
        return None
    return parsed


# ---------------------------------------------------------------- the rules of every save


@dataclass(frozen=True)
class _SaveRules:
    """What `apps.core.inputs.check_instance` looks at in a record's Patent fields, found once, by position in
    `PatentRecord.MODEL_FIELDS`: (position, limit) of the text fields, (position, first, last) of the date fields,
    (position, lowest, highest) of the number fields whose validators are only a range, and the positions whose
    every value goes to check_instance (a number field with other validators, a phone or e-mail rule)."""

    texts: tuple
    dates: tuple
    numbers: tuple
    always: tuple


@functools.cache
def _save_rules() -> _SaveRules:
    from django.core import validators as django_validators
    from django.db import models

    texts, dates, numbers_, always = [], [], [], []
    contacts = (inputs.validate_phone, inputs.validate_email, inputs.validate_phone_or_email)
    for position, name in enumerate(PatentRecord.MODEL_FIELDS):
        field_ = Patent._meta.get_field(name)
        limit = inputs.limit_of(field_)
        if limit is not None:
            texts.append((position, limit))
        if isinstance(field_, models.DateField) and not isinstance(field_, models.DateTimeField):
            span = inputs.date_range_of(field_)
            dates.append((position, span.first, span.last))
        if isinstance(field_, models.IntegerField | models.DecimalField | models.FloatField):
            lowest, highest, plain = -math.inf, math.inf, True
            for validator in field_.validators:
                if isinstance(validator, django_validators.MinValueValidator):
                    lowest = max(lowest, validator.limit_value)
                elif isinstance(validator, django_validators.MaxValueValidator):
                    highest = min(highest, validator.limit_value)
                else:
                    plain = False
            if plain:
                numbers_.append((position, lowest, highest))
            else:
                always.append(position)
        if isinstance(field_, models.EmailField) or any(v in field_.validators for v in contacts):
            always.append(position)
    return _SaveRules(tuple(texts), tuple(dates), tuple(numbers_), tuple(always))


def save_problems(record: PatentRecord) -> list[tuple[str, str]]:
    """[(field, reason)] of the values of `record` that a save of the Patent would refuse
    (`apps.core.inputs.check_instance`: a text longer than its field, a date outside the field's range, a number
    outside its range), with check_instance's own message; empty when a save takes them all. A value that the
    rules found once (`_save_rules`) let through is not looked at again; any other goes to check_instance on a
    Patent holding that value alone, which decides and words the refusal."""
    rules_ = _save_rules()
    values = _model_row(record)
    suspects = [position for position in rules_.always if values[position] not in (None, "")]
    for position, limit in rules_.texts:
        value = values[position]
        if isinstance(value, str) and len(value) > limit:
            suspects.append(position)
    for position, first, last in rules_.dates:
        value = values[position]
        if value is not None and not first <= value <= last:
            suspects.append(position)
    for position, lowest, highest in rules_.numbers:
        value = values[position]
        if value is not None and (value.__class__ is not int or not lowest <= value <= highest):
            suspects.append(position)
    problems = []
    limit = FamilyMember._meta.get_field("number").max_length
    if any(len(number) > limit for number in record.family):  # a FamilyMember row each: never cut to fit
        message = _("%(field)s is longer than %(max)d characters.") % {"field": FIELDS["family"].label, "max": limit}
        problems.append(("family", message))
    for position in suspects:
        name = PatentRecord.MODEL_FIELDS[position]
        try:
            inputs.check_instance(Patent(**{name: values[position]}))
        except DomainError as exc:
            problems.append((name, exc.message))
    return problems


def _legal_status(status, validity, dates, granted_type, publication_number, patent_type) -> str:
    """The status the row says. The status column wins; a granted patent that 专利有效性 says is no longer in force
    has lapsed; with no status, 专利有效性 decides; with neither, the dates and the type do (granted when a grant
    date or "发明授权" is given, or a utility model or design is published — they are published when granted;
    published when an invention is published; else pending). An invention "审中" (pending) that is published is
    "published, under substantive examination"."""
    examined = patent_type in ("", T.INVENTION)
    if status is None:
        status = validity
    elif status == S.GRANTED and validity == S.LAPSED:
        status = S.LAPSED
    published = bool(dates["publication_date"] or publication_number)
    if status is None:
        if dates["grant_date"] or granted_type or (published and not examined):
            status = S.GRANTED
        elif published:
            status = S.PUBLISHED
        else:
            status = S.PENDING
    if status == S.PENDING and dates["publication_date"] and examined:
        status = S.PUBLISHED
    return status


# ---------------------------------------------------------------- the rules across fields


def check_record(record: PatentRecord, *, today: date) -> list[tuple[str, str]]:
    """The problems of a record as [(field, Chinese reason)], empty when it holds. The rules the form and the
    import share:

    - the filing, publication, grant and priority dates are not in the future;
    - publication and grant are not before filing; the priority date is not after filing;
    - a grant date only for a granted, expired, lapsed or invalidated patent, or a type that says granted
      ("发明授权");
    - the patent type agrees with the type digit of a Chinese number (1/8 invention, 2/9 utility model, 3 design);
    - a utility model or a design is not examined substantively (no "published, under substantive examination");
    - the counts (claims, citations) are not negative.
    """
    problems: list[tuple[str, str]] = []
    filing = record.filing_date
    for key in ("filing_date", "publication_date", "grant_date", "priority_date"):
        value = getattr(record, key)
        if value and value > today:
            problems.append(
                (
                    key,
                    _("%(field)s %(date)s is in the future (today is %(today)s).")
                    % {"field": FIELDS[key].label, "date": value.isoformat(), "today": today.isoformat()},
                )
            )
    if filing:
        for key in ("publication_date", "grant_date"):
            value = getattr(record, key)
            if value and value < filing:
                problems.append(
                    (
                        key,
                        _("%(field)s %(date)s is before the filing date %(filing)s.")
                        % {"field": FIELDS[key].label, "date": value.isoformat(), "filing": filing.isoformat()},
                    )
                )
        if record.priority_date and record.priority_date > filing:
            problems.append(
                (
                    "priority_date",
                    _(
                        "The priority date %(date)s is after the filing date %(filing)s: a priority is claimed from "
                        "an earlier application."
                    )
                    % {"date": record.priority_date.isoformat(), "filing": filing.isoformat()},
                )
            )
    if record.grant_date and record.legal_status not in GRANTED_STATUSES and not record.granted_type:
        problems.append(
            (
                "grant_date",
                _("A grant date is given but the legal status is “%(status)s”: only a granted patent has one.")
                % {"status": S(record.legal_status).label},
            )
        )
    if record.number_kind and record.patent_type and record.number_kind != record.patent_type:
        problems.append(
            (
                "patent_type",
                _("The patent type “%(type)s” contradicts the application number, whose type digit says “%(digit)s”.")
                % {"type": T(record.patent_type).label, "digit": T(record.number_kind).label},
            )
        )
    if record.patent_type in (T.UTILITY_MODEL, T.DESIGN) and record.legal_status == S.PUBLISHED:
        problems.append(
            (
                "legal_status",
                _("A %(type)s is not examined substantively: its status cannot be “%(status)s”.")
                % {"type": T(record.patent_type).label, "status": S(record.legal_status).label},
            )
        )
    for key in ("claims_count", "cited_by_count", "cites_count"):
        value = getattr(record, key)
        if value is not None and value < 0:
            problems.append((key, _("%(field)s cannot be negative.") % {"field": FIELDS[key].label}))
    return problems


def check_mapping(mapping: dict[str, int], headers: list[str]) -> None:
    """DomainError (Chinese) unless `mapping` names every required field, only known fields, columns that exist,
    and no column twice."""
    problems = []
    unknown = [key for key in mapping if key not in FIELDS]
    if unknown:
        problems.append(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    missing = [str(FIELDS[key].label) for key in REQUIRED if key not in mapping]
    if missing:
        problems.append(_("Choose the column of: %(fields)s (the import needs them).") % {"fields": "、".join(missing)})
    bad = [key for key, index in mapping.items() if not isinstance(index, int) or not 0 <= index < len(headers)]
    if bad:
        problems.append(_("No such column for: %(fields)s.") % {"fields": "、".join(_label(key) for key in bad)})
    used: dict[int, str] = {}
    for key, index in mapping.items():
        if index in used:
            problems.append(
                _("Column “%(column)s” is chosen for both %(first)s and %(second)s.")
                % {"column": _header(headers, index), "first": _label(used[index]), "second": _label(key)}
            )
        used[index] = key
    if problems:
        raise DomainError(join_messages(problems), code="bad_mapping")


def _label(key: str) -> str:
    return str(FIELDS[key].label) if key in FIELDS else key


def _header(headers, index) -> str:
    return str(headers[index]) if isinstance(index, int) and 0 <= index < len(headers) else str(index)
