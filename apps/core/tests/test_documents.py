"""The shared Word, spreadsheet and PDF builders of apps/core/documents.py on their own (docx_document, docx_run,
docx_paragraphs, docx_table, xlsx_sheet, document_bytes, pdf_no_fetch, pdf_bytes). The writers that use them (the
application, the contract, the annual report) are walked with hostile stored text in tests/test_text_and_documents.py
and in their apps' export tests."""

import io
import logging
import subprocess

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import Workbook
from PIL import Image

from apps.core import documents

HOSTILE = "稀土永磁\x0b中心\u202e\x01"  # a vertical tab from Word, a direction override, a control character
CLEANED = "稀土永磁\n中心"
FORMULA = '=HYPERLINK("http://example.invalid/?x","稀土永磁中心")'


def _reloaded(document):
    return Document(io.BytesIO(documents.document_bytes(document)))


def _east_asian(run_or_style) -> str | None:
    return run_or_style.element.rPr.rFonts.get(qn("w:eastAsia"))


# ---------------------------------------------------------------- Word


def test_a_document_is_an_a4_page_with_the_official_margins_and_the_body_font():
    document = _reloaded(documents.docx_document())
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.cm, 1) for m in margins) == documents.OFFICIAL_MARGINS_CM
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 12
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(slot)) for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"宋体"}


def test_a_document_takes_other_margins():
    section = _reloaded(documents.docx_document(margins=(2.54, 2.54, 3.17, 3.17))).sections[0]
    assert (round(section.top_margin.cm, 2), round(section.left_margin.cm, 2)) == (2.54, 3.17)


def test_a_run_is_cleaned_and_sets_the_east_asian_font_in_schema_order():
    document = documents.docx_document()
    paragraph = document.add_paragraph()
    documents.docx_run(paragraph, HOSTILE, font=documents.HEADING_FONT, size=14, bold=True)
    documents.docx_run(paragraph, None)
    first, second = _reloaded(document).paragraphs[0].runs
    assert first.text == CLEANED and second.text == ""
    assert first.bold and first.font.size.pt == 14
    assert _east_asian(first) == "黑体" and _east_asian(second) == "宋体"
    # w:rFonts comes first in w:rPr (CT_RPr's sequence), before w:b and w:sz: Word's validator insists
    tags = [child.tag for child in first.element.rPr]
    assert tags[0] == qn("w:rFonts") and qn("w:sz") in tags


def test_paragraphs_are_one_per_line_indented_by_two_characters():
    document = documents.docx_document()
    documents.docx_paragraphs(document, "第一段\n第二段" + "\x01")
    documents.docx_paragraphs(document, "", size=14)
    documents.docx_paragraphs(document, None, font=documents.FANGSONG)
    paragraphs = _reloaded(document).paragraphs
    assert [p.text for p in paragraphs] == ["第一段", "第二段", "—", "—"]
    assert paragraphs[0].paragraph_format.first_line_indent.pt == 24
    assert paragraphs[2].paragraph_format.first_line_indent.pt == 28
    assert paragraphs[0].paragraph_format.line_spacing == 1.5
    assert _east_asian(paragraphs[3].runs[0]) == "仿宋"


def test_a_table_has_its_header_its_rows_and_a_dash_when_empty():
    document = documents.docx_document()
    table = documents.docx_table(document, ["指标", "目标"], [["发明专利申请量", 20], [HOSTILE, FORMULA]])
    assert table._tbl is document.tables[0]._tbl
    documents.docx_table(document, ["项目", "金额", "备注"], [])
    reloaded = _reloaded(document)
    first, empty = reloaded.tables
    assert [[c.text for c in row.cells] for row in first.rows] == [
        ["指标", "目标"],
        ["发明专利申请量", "20"],
        [CLEANED, FORMULA],
    ]
    assert first.style.name == "Table Grid"
    assert _east_asian(first.rows[0].cells[0].paragraphs[0].runs[-1]) == "黑体"
    assert _east_asian(first.rows[1].cells[0].paragraphs[0].runs[-1]) == "宋体"
    assert first.rows[1].cells[0].paragraphs[0].runs[-1].font.size.pt == 10.5
    assert [[c.text for c in row.cells] for row in empty.rows] == [["项目", "金额", "备注"], ["—", "", ""]]
    with pytest.raises(ValueError):  # a row longer or shorter than the header is a writer's mistake
        documents.docx_table(document, ["a", "b"], [["only one"]])


# ---------------------------------------------------------------- spreadsheets


def test_a_sheet_writes_text_as_text_under_a_shaded_frozen_header():
    workbook = Workbook()
    documents.xlsx_sheet(
        workbook, "申报/汇总", ["序号", "项目名称", "金额"], [[1, FORMULA, 12.5], [2, HOSTILE, None]], [6, 30]
    )
    documents.xlsx_sheet(workbook, "指标", ["指标"], [["-1"]], new=True)
    book = openpyxl.load_workbook(io.BytesIO(documents.document_bytes(workbook)))
    first, second = book.worksheets
    assert (first.title, second.title) == ("申报_汇总", "指标")
    assert [[c.value for c in row] for row in first.iter_rows()] == [
        ["序号", "项目名称", "金额"],
        [1, FORMULA, 12.5],
        [2, CLEANED, None],
    ]
    formula = first["B2"]
    assert formula.data_type == "s" and formula.quotePrefix
    assert second["A2"].value == "-1" and second["A2"].quotePrefix
    header = first["A1"]
    assert header.font.bold and header.fill.fgColor.rgb.endswith(documents.XLSX_HEADER_FILL)
    assert header.alignment.wrap_text
    assert first.freeze_panes == second.freeze_panes == "A2"
    assert (first.column_dimensions["A"].width, first.column_dimensions["B"].width) == (6, 30)


# ---------------------------------------------------------------- PDF


def test_the_fetcher_fetches_nothing():
    fetcher = documents.pdf_no_fetch()
    for url in ("http://example.invalid/a.png", "file:///etc/passwd", "data:text/plain,x"):
        with pytest.raises(ValueError, match="refused"):
            fetcher(url)


def _images(pdf: bytes, tmp_path) -> int:
    saved = tmp_path / "out.pdf"
    saved.write_bytes(pdf)
    listed = subprocess.run(["pdfimages", "-list", str(saved)], capture_output=True, check=True).stdout.decode()
    return len(listed.strip().splitlines()) - 2  # two header lines, then one line per image


def test_a_pdf_is_rendered_without_fetching_its_image(tmp_path):
    from weasyprint import HTML

    image = tmp_path / "seal.png"
    Image.new("RGB", (40, 40), "red").save(image)
    stylesheet = tmp_path / "page.css"
    stylesheet.write_text("@page { size: A4; } body { font-family: 'Noto Serif CJK SC', serif; }", encoding="utf-8")
    html = f'<html><head><title>年度报告</title></head><body><p>培育中心</p><img src="{image.as_uri()}"></body></html>'
    assert _images(HTML(string=html).write_pdf(), tmp_path) == 1  # WeasyPrint's own fetcher would read it

    logging.getLogger("weasyprint").setLevel(logging.INFO)
    pdf = documents.pdf_bytes(html, stylesheet=stylesheet)
    assert pdf.startswith(b"%PDF")
    assert logging.getLogger("weasyprint").level == logging.WARNING
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "培育中心" in text
    assert _images(pdf, tmp_path) == 0
