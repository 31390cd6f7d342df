"""What every document writer (xlsx, docx, pdf) and every download goes through (docs/reliability.md).

Writers receive text that is already stored or never passed a form (the audit trail keeps what anonymous
visitors typed), so they do not trust it: `text()` is the one cleaning every writer applies to each value it
writes (the input rule of apps/core/text.py: no control or direction characters, which XML 1.0 cannot hold or
which would show text reversed). On top of it:

- spreadsheets: `xlsx_row()` / `xlsx_set()` write text as text. A value beginning with = + - @ tab or CR is a
  string cell with Excel's quote prefix (it shows exactly what was typed, and is never evaluated as a formula);
- Word: `docx_properties()` replaces python-docx's template metadata (author "python-docx", created 2013) with
  the document's title, author, subject and the real creation time;
- PDF: the template's <title> and <meta name="author"> become the PDF's title and author;
- downloads: `content_disposition()` gives the Chinese name (RFC 5987 / RFC 6266) with an ASCII fallback, and
  `file_name()` makes a safe file name of parts such as a call's title.
"""

import datetime
import decimal
import re
from urllib.parse import quote

from . import clock
from . import text as text_rule

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_VALUES = (bool, int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta)
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
FILE_NAME_FORBIDDEN = re.compile(r'[\\/:*?"<>|\s]+')


def text(value) -> str:
    """Any value as text a document can hold: None is empty, the rest is str() cleaned by the input rule."""
    if value is None:
        return ""
    return text_rule.normalise(str(value))


def clean_tree(value):
    """`text()` applied to every string in nested dicts, lists and tuples (a content snapshot for a template)."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, dict):
        return {key: clean_tree(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(clean_tree(item) for item in value)
    return value


# ---------------------------------------------------------------- spreadsheets (openpyxl)


def xlsx_set(cell, value):
    """Put `value` into an openpyxl cell: numbers, dates and empty cells as they are; anything else is text,
    cleaned by `text()` and always a string cell (never a formula or an error value such as "#N/A")."""
    if value is None or isinstance(value, PLAIN_VALUES):
        cell.value = value
        return cell
    value = text(value)
    cell.value = value
    cell.data_type = "s"
    if value.startswith(FORMULA_START) or value.startswith("#"):
        cell.quotePrefix = True  # Excel shows the text as typed and does not evaluate it when it is edited
    return cell


def xlsx_row(sheet, values) -> list:
    """The cells of one row for `sheet.append()`, each written by `xlsx_set()` (normal and write-only sheets)."""
    from openpyxl.cell import WriteOnlyCell

    return [xlsx_set(WriteOnlyCell(sheet), value) for value in values]


def sheet_title(title) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 characters."""
    return SHEET_NAME_FORBIDDEN.sub("_", text(title).replace("\n", " "))[:31] or "Sheet"


# ---------------------------------------------------------------- Word (python-docx)


def docx_properties(document, *, title, author, subject, created: datetime.datetime | None = None) -> None:
    """Title, author, subject and the real creation time, instead of python-docx's template metadata."""
    created = (created or clock.real_now()).astimezone(datetime.UTC).replace(microsecond=0)
    properties = document.core_properties
    properties.title = text(title)[:255]
    properties.author = properties.last_modified_by = text(author)[:255]
    properties.subject = text(subject)[:255]
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.language = "zh-CN"
    properties.revision = 1
    properties.created = properties.modified = created.replace(tzinfo=None)


# ---------------------------------------------------------------- downloads


def file_name(*parts, extension: str) -> str:
    """Parts joined by "-" as a file name: no path separators, quotes or line breaks, at most ~120 characters."""
    cleaned = [FILE_NAME_FORBIDDEN.sub("_", text(part)).strip("._") for part in parts]
    stem = "-".join(part for part in cleaned if part)[:120] or "download"
    return f"{stem}.{extension}"


def content_disposition(name: str, fallback: str) -> str:
    """`attachment` with an ASCII fallback name and the exact UTF-8 name per RFC 5987 / RFC 6266."""
    name = text(name).replace("\n", " ")
    printable_ascii = all(32 <= ord(ch) < 127 for ch in name)
    plain = name if printable_ascii and name else fallback
    plain = plain.replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
