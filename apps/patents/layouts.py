"""The layouts of the database exports and the header finder (issue 16).

`detect(head_rows)` looks at the first rows of a sheet (`readers.Table.iter_rows`) and returns a `Detection`:
which row is the header, which vendor's layout it is, and which column holds each field of `records.FIELDS`.

**The header rule.** The header is not assumed to be row 1 (Patentics writes a banner row above it): among the
first `max_scan` rows, the header is the row with the most cells that are known column names (`ALIASES`, compared
after NFKC — full-width brackets and letters become ASCII —, without spaces, case-insensitively), among the rows
that have an application-number column; on a tie the upper row wins. No such row → DomainError (Chinese).

**The layouts.** `incopat` when the header has at least three of incoPat's own names (标题 (中文), 公开（公告）号,
专利有效性, 标准化申请人, 简单同族, IPC主分类, 当前法律状态 …); `patentics` with at least two of Patentics' (国际分类,
主分类号, 法律状态, 公开号, 公开日, 同族 …) and none of incoPat's; `wide` when the header has at least
`WIDE_COLUMNS` names and one of them occurs more than once (checked first: such a file is recognised whoever made
it); otherwise `custom` (the columns are still mapped by name, the user checks the mapping). The mapping is the
same table of names for every layout; a field takes the first of its names (in `ALIASES` order) that the header
has — 申请人 before 标准化申请人, IPC主分类 for the main IPC.

**Duplicated names.** When the name chosen for a field occurs more than once, one column is taken by this rule:
1. a column whose neighbours (the header cells just left and right of it) name another subject — a word of
   `CONTEXT_WORDS` such as 优先权, 同族, 引证, 转让, 许可, 质押, 变更 — belongs to that block (the 申请日 beside
   优先权号 is the priority's filing date) and is passed over unless every candidate is in such a block;
2. then the first column that has data in the rows below the header that were read;
3. then the first column.
The other occurrences stay unmapped (listed in `Detection.duplicates`); the user may choose another in the preview.

`mapping_from_columns(headers, {field: header text})` applies a saved template to a header (the k-th occurrence of
a duplicated name is written "name#k"); `columns_from_mapping(headers, mapping)` gives the texts to save.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.errors import DomainError

from .records import FIELDS

LAYOUTS = {
    "incopat": gettext_lazy("incoPat export"),
    "patentics": gettext_lazy("Patentics export"),
    "wide": gettext_lazy("Wide vendor export (70+ columns)"),
    "custom": gettext_lazy("Other layout (columns matched by name)"),
}

# field → the header names that mean it, preferred first (incoPat, Patentics, CNIPA and the wide vendor layouts).
ALIASES: dict[str, tuple[str, ...]] = {
    "application_number": ("申请号", "专利申请号", "申请号码", "application number", "application no.", "app. no."),
    "title": ("标题(中文)", "标题", "发明名称", "专利名称", "名称", "中文标题", "title"),
    "patent_type": ("专利类型", "类型", "专利种类", "申请类型", "patent type", "type"),
    "abstract": ("摘要(中文)", "摘要", "中文摘要", "abstract"),
    "ipc_main": ("ipc主分类", "主分类号", "主分类", "ipc主分类号", "主ipc", "main ipc"),
    "ipc_codes": ("ipc", "国际分类", "ipc分类", "ipc分类号", "分类号", "国际专利分类", "ipc codes"),
    "applicants": (
        "申请人",
        "申请(专利权)人",
        "专利权人",
        "当前申请(专利权)人",
        "标准化申请人",
        "applicants",
        "applicant",
    ),
    "inventors": ("发明人", "设计人", "发明(设计)人", "inventors", "inventor"),
    "filing_date": ("申请日", "申请日期", "filing date", "application date"),
    "publication_number": ("公开(公告)号", "公开号", "公告号", "公布号", "publication number", "publication no."),
    "publication_date": ("公开(公告)日", "公开日", "公告日", "公布日", "公开日期", "publication date"),
    "grant_date": ("授权日", "授权公告日", "授权日期", "grant date"),
    "legal_status": ("当前法律状态", "法律状态", "法律状态/事件", "legal status"),
    "validity": ("专利有效性", "有效性", "validity"),
    "priority_number": ("优先权号", "优先权", "优先权号码", "priority number"),
    "priority_date": ("优先权日", "最早优先权日", "优先权日期", "priority date"),
    "pct_number": ("pct国际申请号", "pct申请号", "国际申请号", "pct application number"),
    "family": ("简单同族", "同族", "同族专利", "同族公开号", "simple family", "family"),
    "claims_count": ("权利要求数量", "权利要求数", "权利要求项数", "claims", "number of claims"),
    "cited_by_count": ("被引证次数", "被引用次数", "被引次数", "cited by", "times cited"),
    "cites_count": ("引证次数", "引用次数", "引证专利数", "citations"),
}

# Names only one vendor writes (normalised like the header cells).
SIGNATURES = {
    "incopat": (
        "标题(中文)",
        "摘要(中文)",
        "公开(公告)号",
        "专利有效性",
        "标准化申请人",
        "简单同族",
        "ipc主分类",
        "当前法律状态",
    ),
    "patentics": ("国际分类", "主分类号", "法律状态", "公开号", "公开日", "同族", "被引用次数", "权利要求数"),
}
SIGNATURE_MINIMUM = {"incopat": 3, "patentics": 2}
WIDE_COLUMNS = 60

# A header cell beside a duplicated name with one of these words puts that column in another block.
CONTEXT_WORDS = (
    "优先权",
    "同族",
    "引证",
    "引用",
    "被引",
    "转让",
    "受让",
    "许可",
    "质押",
    "变更",
    "原始",
    "母案",
    "分案",
    "历史",
)


def normalise_header(text) -> str:
    """A header cell compared by name: NFKC (full-width → ASCII), no spaces, lower case, no trailing colon or
    asterisk."""
    if text is None:
        return ""
    key = "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()
    return key.rstrip(":*")


_NAMES: dict[str, str] = {}
for _field, _aliases in ALIASES.items():
    for _alias in _aliases:
        _NAMES.setdefault(normalise_header(_alias), _field)
_APPLICATION_NUMBER = {normalise_header(alias) for alias in ALIASES["application_number"]}


@dataclass
class Detection:
    layout: str  # a LAYOUTS key
    label: str
    header_row: int  # 1-based, as the spreadsheet shows it
    headers: list[str]  # the header row's cells as text ("" for an empty cell)
    mapping: dict[str, int]  # field → 0-based column
    unmapped: list[str]  # header texts no field took
    duplicates: dict[str, list[int]] = field(default_factory=dict)  # a name that occurs more than once → columns


def _text(cell) -> str:
    return "" if cell is None else str(cell).strip()


def detect(head_rows: list[list], *, max_scan: int = 30) -> Detection:
    """The header row, layout and column mapping of a sheet from its first rows (at least the header and, for the
    duplicated-names rule, a few rows below it). DomainError when no header row with an application-number
    column is among the first `max_scan` rows."""
    best, best_count = None, 0
    for index, row in enumerate(head_rows[:max_scan]):
        keys = [normalise_header(cell) for cell in row]
        if not _APPLICATION_NUMBER.intersection(keys):
            continue
        count = len({key for key in keys if key in _NAMES})
        if count > best_count:
            best, best_count = index, count
    if best is None:
        raise DomainError(
            _(
                "No header row with an application number column (申请号) was found in the first %(rows)d rows: "
                "upload the export as the database wrote it, with its header row."
            )
            % {"rows": max_scan},
            code="no_header",
        )
    headers = [_text(cell) for cell in head_rows[best]]
    while headers and not headers[-1]:
        headers.pop()
    below = head_rows[best + 1 :]
    mapping = _map(headers, below)
    keys = [normalise_header(h) for h in headers]
    positions: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if key:
            positions.setdefault(key, []).append(index)
    duplicates = {headers[columns[0]]: columns for key, columns in positions.items() if len(columns) > 1}
    layout = _layout(keys, duplicates)
    used = set(mapping.values())
    unmapped = [h for i, h in enumerate(headers) if h and i not in used]
    return Detection(layout, str(LAYOUTS[layout]), best + 1, headers, mapping, unmapped, duplicates)


def _layout(keys: list[str], duplicates: dict) -> str:
    named = [key for key in keys if key]
    if len(named) >= WIDE_COLUMNS and duplicates:
        return "wide"
    present = set(named)
    incopat = len(present.intersection(SIGNATURES["incopat"]))
    if incopat >= SIGNATURE_MINIMUM["incopat"]:
        return "incopat"
    if len(present.intersection(SIGNATURES["patentics"])) >= SIGNATURE_MINIMUM["patentics"] and not incopat:
        return "patentics"
    return "custom"


def _map(headers: list[str], below: list[list]) -> dict[str, int]:
    keys = [normalise_header(h) for h in headers]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for key, aliases in ALIASES.items():
        for alias in aliases:
            name = normalise_header(alias)
            columns = [i for i, k in enumerate(keys) if k == name and i not in used]
            if columns:
                chosen = columns[0] if len(columns) == 1 else choose_duplicate(columns, keys, below)
                mapping[key] = chosen
                used.add(chosen)
                break
    return mapping


def _in_other_block(column: int, keys: list[str]) -> bool:
    own = keys[column]
    for neighbour in (column - 1, column + 1):
        if 0 <= neighbour < len(keys):
            text = keys[neighbour]
            if any(word in text and word not in own for word in CONTEXT_WORDS):
                return True
    return False


def _has_data(column: int, rows: list[list]) -> bool:
    return any(column < len(row) and _text(row[column]) for row in rows)


def choose_duplicate(columns: list[int], keys: list[str], rows: list[list]) -> int:
    """The column a duplicated name is read from (the module docstring's rule): not in another block by its
    neighbours, then with data in `rows`, then the first."""
    return min(columns, key=lambda c: (_in_other_block(c, keys), not _has_data(c, rows), c))


_OCCURRENCE = re.compile(r"^(.*)#(\d+)$")


def mapping_from_columns(headers: list[str], columns: dict[str, str]) -> dict[str, int]:
    """A saved template ({field: header text}) applied to a header: {field: column}. "name#k" is the k-th column
    called "name"; a field whose text the header lacks (or an unknown field) is left out — the caller checks the
    result (`records.check_mapping`)."""
    keys = [normalise_header(h) for h in headers]
    mapping: dict[str, int] = {}
    for key, text in columns.items():
        if key not in FIELDS or not text:
            continue
        name, occurrence = normalise_header(text), 1
        if name not in keys and (match := _OCCURRENCE.match(str(text).strip())):
            name, occurrence = normalise_header(match.group(1)), int(match.group(2))
        found = [i for i, k in enumerate(keys) if k == name]
        if len(found) >= occurrence >= 1:
            mapping[key] = found[occurrence - 1]
    return mapping


def columns_from_mapping(headers: list[str], mapping: dict[str, int]) -> dict[str, str]:
    """The texts to save as a template for `mapping` on `headers`: {field: header text}, "name#k" for the k-th
    (k ≥ 2) column of a duplicated name."""
    keys = [normalise_header(h) for h in headers]
    columns: dict[str, str] = {}
    for key, index in mapping.items():
        if key not in FIELDS or not isinstance(index, int) or not 0 <= index < len(headers) or not keys[index]:
            continue
        occurrence = keys[: index + 1].count(keys[index])
        columns[key] = headers[index] if occurrence == 1 else f"{headers[index]}#{occurrence}"
    return columns
