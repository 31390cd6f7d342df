"""The construction contract as a Word document in the usual official layout: A4, a title page with the unified
center name and the contract number, numbered articles (第一条 …) with bordered tables (KPIs, budget, tranches) and
both parties' signature blocks. Fonts as official documents use them — 黑体 for the title and the article headings,
仿宋 for the title page's particulars and the signature blocks, 宋体 for the body — set in the East Asian slot
(`w:eastAsia`) too, which python-docx leaves empty. Every string goes through `apps.core.documents.text`."""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from apps.core import documents

from .contract_content import content

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
FANGSONG = "仿宋"


def east_asian(run_or_style, font: str) -> None:
    """Set every font slot, the East Asian one included (python-docx sets only the Latin slots)."""
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)


def _run(paragraph, value, *, font=BODY_FONT, size=12, bold=False):
    run = paragraph.add_run(documents.text(value))
    run.font.size = Pt(size)
    run.bold = bold
    east_asian(run, font)
    return run


def _document():
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    east_asian(normal, BODY_FONT)
    return document


def _paragraphs(document, value, *, font=BODY_FONT, size=12):
    for line in (documents.text(value) or "—").split("\n"):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
        paragraph.paragraph_format.line_spacing = 1.5
        _run(paragraph, line, font=font, size=size)


def _table(document, table):
    columns, rows = table["columns"], table["rows"]
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(grid.rows[0].cells, columns, strict=True):
        cell.text = ""
        _run(cell.paragraphs[0], str(label), font=HEADING_FONT, size=10.5)
    for row in rows or [["—"] + [""] * (len(columns) - 1)]:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            _run(cell.paragraphs[0], str(value), size=10.5)
    document.add_paragraph()


def _title_page(document, data):
    for _i in range(4):
        document.add_paragraph()
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(number, _("Contract No.: %(number)s") % {"number": data["number"]}, font=FANGSONG, size=14)
    for _i in range(2):
        document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, data["title"], font=HEADING_FONT, size=22, bold=True)
    if not data["in_force"]:
        draft = document.add_paragraph()
        draft.alignment = WD_ALIGN_PARAGRAPH.CENTER
        state = _("(Version %(number)s, not signed: %(status)s)")
        state %= {"number": data["version"], "status": data["status"]}
        _run(draft, state, font=FANGSONG, size=14)
    for _i in range(5):
        document.add_paragraph()
    for label, value in (
        (_("Center"), data["center_name"]),
        (_("Party A"), data["party_a"]),
        (_("Party B"), data["party_b"]),
        (_("Partner units"), "、".join(data["partners"]) or "—"),
        (_("Version"), str(data["version"])),
        (_("Signed on"), data["signed_on"] or "    年    月    日"),
    ):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(1.5)
        paragraph.paragraph_format.line_spacing = 1.8
        _run(paragraph, f"{label}：", font=HEADING_FONT, size=14)
        _run(paragraph, value, font=FANGSONG, size=14)
    for _i in range(3):
        document.add_paragraph()
    issuer = document.add_paragraph()
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(issuer, data["party_a"], font=FANGSONG, size=14)
    issuer.add_run().add_break(WD_BREAK.PAGE)


def _signatures(document, data):
    document.add_paragraph()
    table = document.add_table(rows=1, cols=2)
    parties = ((_("Party A (seal)"), data["party_a"]), (_("Party B (seal)"), data["party_b"]))
    for cell, (party, name) in zip(table.rows[0].cells, parties, strict=True):
        cell.text = ""
        lines = [
            f"{party}：",
            name,
            "",
            _("Legal representative or authorised representative (signature):"),
            "",
            _("Date: %(date)s") % {"date": data["signed_on"] or "    年    月    日"},
        ]
        first = True
        for line in lines:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            paragraph.paragraph_format.line_spacing = 1.5
            _run(paragraph, line, font=FANGSONG, size=12)


def contract_docx(version) -> bytes:
    data = content(version)
    document = _document()
    documents.docx_properties(
        document,
        title=f"{data['title']} {data['number']}",
        author=data["party_a"],
        subject=data["center_name"],
    )
    _title_page(document, data)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(heading, data["title"], font=HEADING_FONT, size=18, bold=True)
    for article in data["articles"]:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(12)
        paragraph.paragraph_format.space_after = Pt(6)
        _run(paragraph, f"{article['label']}　{article['title']}", font=HEADING_FONT, size=14, bold=True)
        for kind, *value in article["blocks"]:
            if kind == "text":
                _paragraphs(document, value[0])
            elif kind == "subheading":
                _run(document.add_paragraph(), value[0], font=HEADING_FONT, size=12)
            elif kind == "table":
                _table(document, value[0])
    _signatures(document, data)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
