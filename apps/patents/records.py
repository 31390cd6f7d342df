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
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import inputs
from apps.core.errors import DomainError, join_messages

from . import numbers
from .models import Patent

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
    if isinstance(value, dt.datetime | date):
        return value.isoformat()
    return str(value).strip()


def _shown(value) -> str:
    text = _text(value)
    return text if len(text) <= 200 else text[:199] + "…"


# ---------------------------------------------------------------- one row


MAX_LENGTHS = {"title": 500, "publication_number": 40, "priority_number": 40, "pct_number": 40, "ipc_main": 32}


def parse_row(
    values: list, mapping: dict[str, int], headers: list[str], *, row_number: int, today: date
) -> tuple[PatentRecord | None, list[RowError]]:
    """The record of one row (`values`, as `readers.Table.iter_rows` gives it) under `mapping` ({field: 0-based
    column}); `headers` name the columns in errors; `row_number` is the spreadsheet's 1-based row. (None, []) for a
    blank row; (None, errors) for a row with any problem; (record, []) otherwise."""
    cells = {key: (values[index] if 0 <= index < len(values) else None) for key, index in mapping.items()}
    cells = {key: (None if isinstance(value, str) and not value.strip() else value) for key, value in cells.items()}
    if all(value is None for value in cells.values()):
        return None, []
    errors: list[RowError] = []

    def column(key: str) -> str:
        index = mapping.get(key)
        if index is not None and 0 <= index < len(headers) and str(headers[index] or "").strip():
            return str(headers[index]).strip()
        return str(FIELDS[key].label)

    def refuse(key: str, reason) -> None:
        errors.append(RowError(row_number, column(key), _shown(cells.get(key)), str(reason)))

    for key in REQUIRED:
        if cells.get(key) is None:
            refuse(key, _("%(field)s is missing.") % {"field": FIELDS[key].label})

    number = None
    if cells.get("application_number") is not None:
        try:
            number = numbers.normalise(number_text(cells["application_number"]))
        except DomainError as exc:
            refuse("application_number", exc.message)

    dates = {}
    for key in ("filing_date", "publication_date", "grant_date"):
        dates[key] = _date_cell(cells.get(key), key, refuse)
    priority_dates = []
    for part in split(cells.get("priority_date")) if not _is_date(cells.get("priority_date")) else []:
        parsed = _date_cell(part, "priority_date", refuse)
        if parsed:
            priority_dates.append(parsed)
    if _is_date(cells.get("priority_date")):
        parsed = _date_cell(cells["priority_date"], "priority_date", refuse)
        priority_dates = [parsed] if parsed else []

    counts = {}
    for key in ("claims_count", "cited_by_count", "cites_count"):
        try:
            counts[key] = parse_count(cells.get(key))
        except ValueError:
            refuse(key, _("%(field)s must be a whole number.") % {"field": FIELDS[key].label})

    patent_type, granted_type = "", False
    if cells.get("patent_type") is not None:
        found = patent_type_of(cells["patent_type"])
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

    status = None
    if cells.get("legal_status") is not None:
        status = legal_status_of(cells["legal_status"])
    validity = VALIDITY_WORDS.get(_word(cells["validity"])) if cells.get("validity") is not None else None
    if status is None and cells.get("legal_status") is not None and validity is None:
        refuse(
            "legal_status",
            _(
                "Unknown legal status: expected words such as 授权, 有效, 审中, 实质审查, 公开, 驳回, 撤回, 放弃, "
                "未缴年费, 期限届满, 失效 or 无效."
            ),
        )

    texts = {}
    for key in ("title", "abstract", "ipc_main", "publication_number", "pct_number"):
        texts[key] = _text(cells.get(key))
    texts["title"] = " ".join(texts["title"].split())
    for key in ("publication_number", "pct_number"):
        texts[key] = "".join(unicodedata.normalize("NFKC", texts[key]).split()).upper()
    priority_numbers = [
        "".join(unicodedata.normalize("NFKC", p).split()).upper() for p in split(cells.get("priority_number"))
    ]
    texts["priority_number"] = priority_numbers[0] if priority_numbers else ""
    texts["ipc_main"] = ipc(texts["ipc_main"]) if texts["ipc_main"] else ""
    for key, limit in MAX_LENGTHS.items():
        if len(texts[key]) > limit:
            refuse(key, _("%(field)s is longer than %(max)d characters.") % {"field": FIELDS[key].label, "max": limit})

    if errors:
        return None, errors

    ipc_codes = [ipc(code) for code in split(cells.get("ipc_codes"))]
    ipc_codes = list(dict.fromkeys(ipc_codes))
    ipc_main = texts["ipc_main"] or (ipc_codes[0] if ipc_codes else "")
    if ipc_main:
        ipc_codes = [ipc_main, *[code for code in ipc_codes if code != ipc_main]]
    inventors = split(cells.get("inventors"))
    withheld = WITHHELD_INVENTORS in inventors
    inventors = [name for name in inventors if name != WITHHELD_INVENTORS]
    family = list(
        dict.fromkeys("".join(unicodedata.normalize("NFKC", f).split()).upper() for f in split(cells.get("family")))
    )

    legal_status = _legal_status(status, validity, dates, granted_type, texts["publication_number"], patent_type)
    record = PatentRecord(
        application_number=number.number,
        country=number.country,
        patent_type=str(patent_type),
        title=texts["title"],
        abstract=texts["abstract"],
        ipc_main=ipc_main,
        ipc_codes=ipc_codes,
        applicants=split(cells.get("applicants")),
        inventors=inventors,
        inventors_withheld=withheld,
        filing_date=dates["filing_date"],
        publication_number=texts["publication_number"],
        publication_date=dates["publication_date"],
        grant_date=dates["grant_date"],
        legal_status=str(legal_status),
        priority_number=texts["priority_number"],
        priority_date=min(priority_dates) if priority_dates else None,
        is_pct=bool(texts["pct_number"]) or number.via_pct or number.country == "WO",
        pct_number=texts["pct_number"],
        claims_count=counts.get("claims_count"),
        cited_by_count=counts.get("cited_by_count"),
        cites_count=counts.get("cites_count"),
        family=family,
        granted_type=granted_type,
        number_kind=number.kind,
    )
    for key, reason in check_record(record, today=today):
        refuse(key if key in FIELDS else "application_number", reason)
    return (None, errors) if errors else (record, [])


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
