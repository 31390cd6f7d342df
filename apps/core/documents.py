"""What every document writer (xlsx, docx, pdf) and every download goes through (docs/reliability.md).

Writers receive text that is already stored or never passed a form (the audit trail keeps what anonymous
visitors typed), so they do not trust it: `text()` is the one cleaning every writer applies to each value it
writes (the input rule of apps/core/text.py: no control or direction characters, which XML 1.0 cannot hold or
which would show text reversed). On top of it:

- spreadsheets: `xlsx_row()` / `xlsx_set()` write text as text. A value beginning with = + - @ tab or CR is a
  string cell with Excel's quote prefix (it shows exactly what was typed, and is never evaluated as a formula);
  `xlsx_sheet()` writes a whole sheet that way (a bold shaded header row, frozen below it);
- Word: `docx_document()` is an A4 document in the house style (宋体 body, 黑体 headings, 仿宋 particulars, set in
  the East Asian font slot too); `docx_run()`, `docx_paragraphs()` and `docx_table()` write into it, every string
  through `text()`; `docx_properties()` replaces python-docx's template metadata (author "python-docx", created
  2013) with the document's title, author, subject and the real creation time;
- PDF: `pdf_bytes()` renders HTML with WeasyPrint and fetches nothing (`pdf_no_fetch()`: the templates are
  self-contained); the template's <title> and <meta name="author"> become the PDF's title and author;
- `document_bytes()`: a Word document or a workbook as the bytes of its file;
- downloads: `content_disposition()` gives the Chinese name (RFC 5987 / RFC 6266) with an ASCII fallback, and
  `file_name()` makes a safe file name of parts such as a call's title.
"""

import datetime
import decimal
import functools
import io
import logging
import re
from urllib.parse import quote

from . import clock
from . import text as text_rule

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_VALUES = (bool, int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta)
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
FILE_NAME_FORBIDDEN = re.compile(r'[\\/:*?"<>|\s]+')
XLSX_HEADER_FILL = "DCE6F1"  # the header row's shade (light blue)

# Word: the fonts of official documents and the page of GB/T 9704-2012 (A4, type area 156 × 225 mm).
BODY_FONT = "宋体"  # body text and table cells
HEADING_FONT = "黑体"  # titles, headings, table headers
FANGSONG = "仿宋"  # title pages' particulars, signature blocks
OFFICIAL_MARGINS_CM = (3.7, 3.5, 2.8, 2.6)  # top, bottom, left, right


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


def xlsx_sheet(workbook, title, header, rows, widths=None, *, new=False):
    """A sheet of a normal (not write-only) openpyxl workbook, every cell written by `xlsx_row()`; returns it.

    `title`: the sheet's name (`sheet_title()`); `header`: the column labels, written bold on a shaded, wrapped
    first row that stays in view (frozen at A2); `rows`: an iterable of lists of values, one per column;
    `widths`: column widths from column A on (characters), or None; `new=False` writes into the workbook's first
    (active) sheet, `new=True` adds a sheet after the others.

        sheet = xlsx_sheet(Workbook(), "申报汇总", ["序号", "项目名称"], [[1, "=HYPERLINK(...)"]], [6, 30])
        → A2 holds 1, B2 the text "=HYPERLINK(...)" as typed (never a formula)
    """
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = workbook.create_sheet() if new else workbook.active
    sheet.title = sheet_title(title)
    sheet.append(xlsx_row(sheet, header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=XLSX_HEADER_FILL)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    return sheet


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


def docx_fonts(run_or_style, font: str) -> None:
    """Set every font slot of a run or a style to `font`, the East Asian one (`w:eastAsia`) included: python-docx
    sets only the Latin slots, and Word would show Chinese text in its default font."""
    from docx.oxml.ns import qn

    fonts = run_or_style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)


def docx_document(*, margins=OFFICIAL_MARGINS_CM):
    """A new python-docx Document: A4 portrait, `margins` (top, bottom, left, right) in cm, the Normal style 12 pt
    `BODY_FONT`. Fill it with `docx_run()` / `docx_paragraphs()` / `docx_table()`, set `docx_properties()`, and
    save it with `document_bytes()`."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    top, bottom, left, right = margins
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    docx_fonts(normal, BODY_FONT)
    return document


def docx_run(paragraph, value, *, font=BODY_FONT, size=12, bold=False):
    """Append `value` (cleaned by `text()`) to `paragraph` (of the body, a table cell or a header) as one run in
    `font` at `size` points; returns the run."""
    from docx.shared import Pt

    run = paragraph.add_run(text(value))
    run.font.size = Pt(size)
    run.bold = bold
    docx_fonts(run, font)
    return run


def docx_paragraphs(document, value, *, font=BODY_FONT, size=12) -> None:
    """`value` as body paragraphs, one per line ("—" when empty): first line indented by two characters, 1.5 line
    spacing, as official documents set their text."""
    from docx.shared import Pt

    for line in (text(value) or "—").split("\n"):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
        paragraph.paragraph_format.line_spacing = 1.5
        docx_run(paragraph, line, font=font, size=size)


def docx_table(document, columns, rows):
    """A bordered ("Table Grid"), centred table followed by an empty paragraph; returns the table.

    `columns`: the header labels (`HEADING_FONT`, 10.5 pt); `rows`: lists of values, each as long as `columns`,
    written with str() in `BODY_FONT`, 10.5 pt (no rows: one row "—"), e.g.
    `docx_table(document, ["指标", "目标"], [["发明专利申请量", "20 件"]])`."""
    from docx.enum.table import WD_TABLE_ALIGNMENT

    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(grid.rows[0].cells, columns, strict=True):
        cell.text = ""
        docx_run(cell.paragraphs[0], str(label), font=HEADING_FONT, size=10.5)
    for row in rows or [["—"] + [""] * (len(columns) - 1)]:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            docx_run(cell.paragraphs[0], str(value), size=10.5)
    document.add_paragraph()
    return grid


# ---------------------------------------------------------------- PDF (WeasyPrint)


@functools.cache
def _refusing_fetcher_class():
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"external resource refused: {url}")

    return RefusingFetcher


def pdf_no_fetch():
    """A WeasyPrint `url_fetcher` that fetches nothing: every URL (image, stylesheet, font; http, file or data) is
    refused, so a document never reaches the network or the file system; WeasyPrint logs the refusal as a warning
    and goes on without the resource. A new `weasyprint.urls.URLFetcher` for each rendering (WeasyPrint ≥ 66
    accepts no plain function: it would crash on the first URL)."""
    return _refusing_fetcher_class()()


def pdf_bytes(html: str, *, stylesheet) -> bytes:
    """`html` (a self-contained page) rendered by WeasyPrint as PDF bytes with the CSS file `stylesheet` (a path),
    fetching nothing (`pdf_no_fetch()`, for the page and the stylesheet). WeasyPrint's step-by-step INFO logging is
    kept down to warnings."""
    from weasyprint import CSS, HTML

    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    fetcher = pdf_no_fetch()
    css = CSS(filename=str(stylesheet), url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[css])


# ---------------------------------------------------------------- files


def document_bytes(document) -> bytes:
    """A python-docx Document or an openpyxl Workbook (anything with `.save(file)`) as the bytes of its file."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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
