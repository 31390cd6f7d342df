"""Reading a database export as rows of cell values (issue 16): `open_table(data, file_name) -> Table`.

- **.xlsx / .xlsm / .xls** through python-calamine, which reads the cells themselves: a sheet whose `<dimension>`
  says "A1" (some exporters write that) still gives every column. The first visible worksheet that holds data is
  read. Calamine keeps the sheet's cells in its own (Rust) memory, about the size of the text of the file; rows are
  converted to Python one at a time, so the Python side never holds the whole sheet.
- **Formula cells without a cached value** (a file written by a program, not saved by Excel — openpyxl writes the
  formula only): calamine gives nothing for them. When the sheet has formulas, its XML is streamed once more beside
  calamine's rows (a regular expression over whole rows, 64 kB at a time) and such a cell yields its display text: for
  `=HYPERLINK("url", "CN201611162814.0")` the friendly name (else the url); any other uncomputed formula yields
  None. A formula with a cached value (every file Excel or the vendor saved) yields that value, as Excel shows it.
- **.csv**: UTF-8 with or without BOM, else GB18030 (the superset of GBK/GB2312 that Chinese Excel writes); the
  delimiter is sniffed among comma, tab and semicolon from the first lines; read row by row. A cell holding a
  HYPERLINK formula as text yields its display text too.

Each row is a list of cell values: str (stripped), int (a whole number, even when the sheet stores it as a float),
float, date, datetime or None (an empty cell). Rows keep their position: `iter_rows()` yields row 1 of the sheet
first, so the n-th row yielded is the spreadsheet's row n (the header finder reports 1-based rows).

Anything else — another file type, an empty or damaged file, a password-protected workbook — raises DomainError
with a Chinese message naming the file types expected; never a traceback.
"""

import codecs
import csv
import datetime
import html
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from apps.core.errors import DomainError

CODE = "bad_file"
EXCEL = (".xlsx", ".xlsm", ".xls")
CSV = (".csv",)
CSV_DELIMITERS = (",", "\t", ";")
SNIFF_BYTES = 64 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_HYPERLINK = re.compile(
    r'^=?\s*HYPERLINK\s*\(\s*("(?:[^"]|"")*"|[^,;)]*)\s*(?:[,;]\s*("(?:[^"]|"")*"|[^)]*?)\s*)?\)\s*$',
    re.IGNORECASE | re.DOTALL,
)


def hyperlink_text(formula: str) -> str | None:
    """The display text of a HYPERLINK formula: its friendly name, else its link; None for any other formula."""
    match = _HYPERLINK.match(formula.strip())
    if not match:
        return None
    link, friendly = match.group(1), match.group(2)
    for argument in (friendly, link):
        if argument and argument.startswith('"'):
            return argument[1:-1].replace('""', '"').strip() or None
    return None


def expected_types() -> str:
    return _("an Excel workbook (.xlsx or .xls) or a CSV file (.csv) exported from the patent database")


def _refuse(message) -> DomainError:
    return DomainError(message, code=CODE)


class Table:
    """One sheet of an export. `iter_rows()` can be called more than once (each call reads from the start)."""

    sheet_name: str = ""
    file_type: str = ""  # "xlsx", "xls", "csv"
    # The number of rows the file holds (the last row with data; for a CSV, its line count, an upper bound when a
    # quoted cell spans lines): enough for a progress bar and for refusing an oversized file early.
    row_count: int = 0

    def iter_rows(self) -> Iterator[list]:
        raise NotImplementedError


def open_table(data: bytes, file_name: str) -> Table:
    """The first sheet with data of `data` (the bytes of an uploaded file called `file_name`)."""
    name = (file_name or "").strip()
    extension = posixpath.splitext(name.lower())[1]
    if not data:
        raise _refuse(_("“%(name)s” is empty: upload %(expected)s.") % {"name": name, "expected": expected_types()})
    if extension in EXCEL or (not extension and data[:4] == _ZIP_MAGIC):
        return _ExcelTable(data, name, extension or ".xlsx")
    if extension in CSV:
        return _CsvTable(data, name)
    raise _refuse(
        _("“%(name)s” is not a file type that can be imported: upload %(expected)s.")
        % {"name": name, "expected": expected_types()}
    )


def _damaged(name: str, kind: str) -> DomainError:
    return _refuse(
        _(
            "“%(name)s” cannot be read as %(kind)s (it is damaged, password-protected or of another type): "
            "export it again and upload %(expected)s."
        )
        % {"name": name, "kind": kind, "expected": expected_types()}
    )


_AS_IS = frozenset((int, datetime.date, datetime.datetime))  # cells `_value` returns as they are (not bool)


def _value(cell):
    """A calamine cell as the value the parser reads."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, str):
        return cell.strip() or None
    if isinstance(cell, bool):
        return str(cell).upper()
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() and abs(cell) < 2**53 else cell
    if isinstance(cell, int | datetime.date):  # datetime is a date
        return cell
    return str(cell)  # time, timedelta


class _ExcelTable(Table):
    def __init__(self, data: bytes, name: str, extension: str):
        import python_calamine

        self.file_type = extension.lstrip(".")
        kind = self.file_type
        if extension == ".xls" and data[:8] != _OLE_MAGIC and data[:4] != _ZIP_MAGIC:
            raise _damaged(name, ".xls")
        if extension != ".xls" and data[:4] != _ZIP_MAGIC:
            raise _damaged(name, f".{kind}")
        self._data = data
        try:
            workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            self._sheet, self._sheet_index = self._first_sheet(workbook)
        except DomainError:
            raise
        except Exception as exc:  # calamine's errors (zip, XML, password) and whatever a damaged file provokes
            raise _damaged(name, f".{kind}") from exc
        self.name = name
        self.sheet_name = self._sheet.name
        end = self._sheet.end
        self.row_count = end[0] + 1 if end else 0
        self._formulas = None
        if data[:4] == _ZIP_MAGIC:
            try:
                self._formulas = _SheetFormulas.of(data, self._sheet_index)
            except UnsafeXml as exc:
                raise _damaged(name, f".{kind}") from exc
            except Exception:  # an odd package layout: the values calamine read are what there is
                self._formulas = None
            if self._formulas is not None:
                self.row_count = max(self.row_count, self._formulas.last_row)

    @staticmethod
    def _first_sheet(workbook):
        """(sheet, index): the first visible worksheet with data, else the first worksheet."""
        first = None
        for index, meta in enumerate(workbook.sheets_metadata):
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue
            sheet = workbook.get_sheet_by_index(index)
            if first is None:
                first = (sheet, index)
            if str(meta.visible).rsplit(".", 1)[-1] == "Visible" and sheet.start is not None:
                return sheet, index
        if first is None:
            raise ValueError("no worksheet")
        return first

    def iter_rows(self) -> Iterator[list]:
        start = self._sheet.start
        pad = [None] * (start[1] if start else 0)
        formulas = iter(self._formulas.rows()) if self._formulas is not None else iter(())
        index = 0
        try:
            pending = next(formulas, None)
            for cells in self._sheet.iter_rows() if start else ():
                # `_value`, with its commonest cases (text, "" for an empty cell; a date, an int) written out: 2.3
                # million cells in a 100 000-row export.
                row = pad + [
                    (cell.strip() or None)
                    if cell.__class__ is str
                    else cell
                    if cell.__class__ in _AS_IS
                    else _value(cell)
                    for cell in cells
                ]
                while pending is not None and pending[0] < index:  # (cannot happen: rows come in order)
                    pending = next(formulas, None)
                if pending is not None and pending[0] == index:
                    _fill(row, pending[1])
                    pending = next(formulas, None)
                yield row
                index += 1
            while pending is not None:  # rows past calamine's range that hold only uncomputed formulas
                while index < pending[0]:
                    yield []
                    index += 1
                row = []
                _fill(row, pending[1])
                yield row
                index += 1
                pending = next(formulas, None)
        except DomainError:
            raise
        except Exception as exc:
            raise _damaged(self.name, f".{self.file_type}") from exc


def _fill(row: list, cells: dict) -> None:
    for column, text in cells.items():
        if column >= len(row):
            row.extend([None] * (column + 1 - len(row)))
        if row[column] is None:
            row[column] = text


_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


class _SheetFormulas:
    """The formula cells without a cached value of one worksheet of an .xlsx, streamed row by row."""

    @classmethod
    def of(cls, data: bytes, sheet_index: int) -> "_SheetFormulas | None":
        """None when the sheet has no formula (the common case: the XML is only searched for "<f", not parsed)."""
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            path = _sheet_path(package, sheet_index)
            if path is None:
                return None
            found, prefix, tail = False, None, b""
            with package.open(path) as stream:
                while chunk := stream.read(1 << 20):
                    window = tail + chunk
                    _no_dtd(window)
                    if prefix is None and (match := _SHEET_DATA.search(window)):
                        prefix = match.group(1) or b""
                    found = found or (prefix is not None and _next_formula(window, 0, prefix) >= 0)
                    tail = window[-4096:]
            rows = _ROW_NUMBER.findall(tail)
        return cls(data, path, int(rows[-1]) if rows else 0, prefix or b"") if found else None

    def __init__(self, data: bytes, path: str, last_row: int, prefix: bytes = b""):
        self._data, self._path, self.last_row, self._prefix = data, path, last_row, prefix

    def rows(self) -> Iterator[tuple[int, dict[int, str | None]]]:
        """(0-based row index, {0-based column: display text}) for each row holding an uncomputed formula. The XML
        is searched for "<f" (an XML parser, or a pattern tried at every cell, spends seconds per 10 000 rows on
        the cells that hold no formula), one chunk of whole rows at a time; around each formula, the cell's
        opening tag and its value are read with small patterns. A cell without its `r` reference (the schema
        allows it; Excel and the vendors write it) is not seen."""
        end_of_row = b"</" + self._prefix + b"row>"
        with zipfile.ZipFile(io.BytesIO(self._data)) as package, package.open(self._path) as stream:
            pending = b""
            current, found = -1, {}
            while True:
                chunk = stream.read(1 << 16)
                pending += chunk
                cut = len(pending) if not chunk else pending.rfind(end_of_row) + len(end_of_row)
                if cut < len(end_of_row):
                    continue
                block, pending = pending[:cut], pending[cut:]
                begin = _next_formula(block, 0, self._prefix)
                while begin >= 0:
                    match = _FORMULA.match(block, begin)
                    opening = block.rfind(b"<", 0, begin)
                    cell = _CELL_OPEN.match(block, opening, begin) if opening >= 0 else None
                    if match and cell and not match.group("value"):  # else a cached value: calamine has it
                        row, column = int(cell.group("row")) - 1, _column_index(cell.group("column").decode())
                        if row != current:
                            if found:
                                yield current, found
                            current, found = row, {}
                        found[column] = hyperlink_text(_unescape(match.group("formula")))
                    begin = _next_formula(block, begin + 2, self._prefix)
                if not chunk:
                    break
            if found:
                yield current, found


_AFTER_NAME = (b" ", b">", b"/", b"\t", b"\n", b"\r")


def _next_formula(block: bytes, start: int, prefix: bytes) -> int:
    """The position of the next <f …> element in `block` from `start`, -1 when none. Found by looking for the
    letter "f", which a sheet's markup otherwise hardly holds (bytes.find of one rare byte is a memchr: about
    ten times faster than looking for "<f", whose "<" begins every tag)."""
    token = b"<" + prefix + b"f"
    lead = len(token) - 1
    position = block.find(b"f", start + lead)
    while position >= 0:
        begin = position - lead
        if block[begin : position + 1] == token and block[position + 1 : position + 2] in _AFTER_NAME:
            return begin
        position = block.find(b"f", position + 1)
    return -1


# The sheet's namespace prefix ("" for the default namespace Excel writes, "x:" for some tools).
_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData\b")
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
# A cell whose first child is a formula: <c r="A3" …><f …>HYPERLINK(…)</f><v>cached</v></c> (the schema's order:
# f, v, is); the value may be missing, empty (<v></v>, <v/>) or cached.
_FORMULA = re.compile(
    rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(?P<formula>[^<]*)</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>(?P<value>[^<]*)</(?:\w+:)?v>)?"
)
_CELL_OPEN = re.compile(rb'<(?:\w+:)?c\s[^<>]*?\br="(?P<column>[A-Z]{1,3})(?P<row>\d+)"[^<>]*(?<!/)>\s*')


def _unescape(formula: bytes | None) -> str:
    """The text of an XML character run (entities and numeric character references resolved)."""
    if not formula:
        return ""
    return html.unescape(formula.decode("utf-8", errors="replace"))


_DTD_WORDS = (b"DOCTYPE", b"ENTITY")


class UnsafeXml(ValueError):
    pass


def _no_dtd(data: bytes) -> bytes:
    """OOXML parts never declare a DTD: one that does (<!DOCTYPE or <!ENTITY: entity expansion attacks) is
    refused. Found by looking for "!" (rare in markup: a memchr) and then at the bytes around it."""
    position = data.find(b"!")
    while position >= 0:
        if data[position - 1 : position] == b"<" and data.startswith(_DTD_WORDS, position + 1):
            raise UnsafeXml("DTD in an OOXML part")
        position = data.find(b"!", position + 1)
    return data


def _sheet_path(package: zipfile.ZipFile, sheet_index: int) -> str | None:
    """The path in the package of the workbook's `sheet_index`-th sheet (workbook.xml order)."""
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    workbook = ElementTree.fromstring(_no_dtd(package.read("xl/workbook.xml")))  # noqa: S314 (no DTD)
    sheets = workbook.findall(f"{ns_main}sheets/{ns_main}sheet")
    if sheet_index >= len(sheets):
        return None
    relation = sheets[sheet_index].get(f"{ns_rel}id")
    rels = ElementTree.fromstring(_no_dtd(package.read("xl/_rels/workbook.xml.rels")))  # noqa: S314 (no DTD)
    for rel in rels:
        if rel.get("Id") == relation:
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            return path if path in package.namelist() else None
    return None


class _CsvTable(Table):
    file_type = "csv"

    def __init__(self, data: bytes, name: str):
        self._data = data
        self.name = name
        self.sheet_name = posixpath.splitext(posixpath.basename(name))[0]
        self.encoding = _encoding(data, name)
        self.delimiter = _delimiter(self._text_sample())
        self.row_count = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)

    def _text_sample(self) -> str:
        sample = self._data[:SNIFF_BYTES]
        return codecs.getincrementaldecoder(self.encoding)(errors="ignore").decode(sample)

    def iter_rows(self) -> Iterator[list]:
        stream = io.TextIOWrapper(io.BytesIO(self._data), encoding=self.encoding, newline="")
        try:
            for cells in csv.reader(stream, delimiter=self.delimiter):
                yield [_csv_value(cell) for cell in cells]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise _damaged(self.name, ".csv") from exc


def _csv_value(cell: str):
    text = cell.strip()
    if not text:
        return None
    if text[:1] == "=" and text[1:11].upper().startswith("HYPERLINK"):
        return hyperlink_text(text) or text
    return text


def _encoding(data: bytes, name: str) -> str:
    """ "utf-8-sig" when the whole file decodes as UTF-8 (BOM or not), else "gb18030"; checked in 1 MB steps."""
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for offset in range(0, len(data), 1 << 20):
                decoder.decode(data[offset : offset + (1 << 20)])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise _damaged(name, ".csv")


def _delimiter(sample: str) -> str:
    """The delimiter that splits the first lines into the most columns, consistently."""
    lines = sample.splitlines()[:30]
    if len(sample) >= SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    best, best_score = ",", 0
    for delimiter in CSV_DELIMITERS:
        try:
            counts = [len(cells) for cells in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in cells)]
        except csv.Error:
            continue
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) * common if common > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best
