"""The annual work report as a Word document in the official layout: A4, a title page ("<center>2025年度工作报告",
the lead unit, the prefecture, the period, the submission date and the version), then the chapters of Art. 14 in
order (一、… with the four tasks of Art. 13 as （一）…（四）), each figure group as a bordered table with the unit's
comment beside each figure (the KPI table: indicator, target, actual, status), and the prefecture office's opinion
once it has forwarded the report. A draft says so on its title page and in the header of every page.

The writing helpers (page set-up, runs with the East Asian font slot, paragraphs, bordered tables, fonts) are the
shared ones of `apps.core.documents` (`docx_document`, `docx_run`, `docx_paragraphs`, `docx_table`), as the
construction contract and the application use them; every string goes through `apps.core.documents.text` there."""

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from apps.core import documents
from apps.core.documents import FANGSONG, HEADING_FONT, docx_paragraphs, docx_run, docx_table

from .content import Content, content

CAPTION_SIZE = 10.5


def _title_page(document, data: Content) -> None:
    for _i in range(5):
        document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(title, data.title, font=HEADING_FONT, size=22, bold=True)
    if data.draft:
        note = document.add_paragraph()
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        docx_run(note, f"（{data.draft_note}）", font=FANGSONG, size=14)
    for _i in range(5):
        document.add_paragraph()
    for label, value in data.particulars:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(1.5)
        paragraph.paragraph_format.line_spacing = 1.8
        docx_run(paragraph, f"{label}：", font=HEADING_FONT, size=14)
        docx_run(paragraph, value, font=FANGSONG, size=14)
    for _i in range(3):
        document.add_paragraph()
    issuer = document.add_paragraph()
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(issuer, _("%(unit)s (seal)") % {"unit": data.lead_unit}, font=FANGSONG, size=14)
    issuer.add_run().add_break(WD_BREAK.PAGE)


def _draft_header(document, data: Content) -> None:
    header = document.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    docx_run(header, data.draft_note, font=HEADING_FONT, size=9)


def _caption(document, number: int, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(6)
    docx_run(
        paragraph,
        _("Table %(number)s  %(title)s") % {"number": number, "title": text},
        font=HEADING_FONT,
        size=CAPTION_SIZE,
    )


def _chapters(document, data: Content) -> None:
    tables = 0
    for chapter in data.chapters:
        heading = document.add_paragraph()
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.space_after = Pt(6)
        docx_run(heading, chapter.heading, font=HEADING_FONT, size=14, bold=True)
        for kind, value in chapter.blocks:
            if kind == "subheading":
                docx_run(document.add_paragraph(), value, font=HEADING_FONT, size=12)
            elif kind == "text":
                docx_paragraphs(document, value)
            elif kind == "table":
                tables += 1
                _caption(document, tables, value.caption)
                docx_table(document, value.columns, value.rows)
    if data.figures_as_of:
        note = document.add_paragraph()
        docx_run(
            note, _("The figures are the platform's records as of %(date)s.") % {"date": data.as_of_text}, size=10.5
        )


def _opinion(document, data: Content) -> None:
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(12)
    docx_run(heading, _("Opinion of the prefecture IP office"), font=HEADING_FONT, size=14, bold=True)
    docx_paragraphs(document, data.opinion)


def report_docx(report) -> bytes:
    """The .docx of the report: its last submitted version, or (draft, returned) the current text marked as a draft."""
    return write(content(report))


def write(data: Content) -> bytes:
    """The .docx of content already read (`content.contents` for many reports at once)."""
    report = data.report
    document = documents.docx_document()
    documents.docx_properties(
        document,
        title=data.title,
        author=data.lead_unit,
        subject=_("Annual work report %(year)s") % {"year": report.year},
    )
    if data.draft:
        _draft_header(document, data)
    _title_page(document, data)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(title, data.title, font=HEADING_FONT, size=18, bold=True)
    _chapters(document, data)
    if data.opinion:
        _opinion(document, data)
    return documents.document_bytes(document)
