"""The application as a Word 申报书 in the usual official layout: A4, a cover page, 宋体 body with 黑体 headings,
numbered chapters (一、二、…) and bordered tables. Rendered from the loaded content (content.load), the same data as
the page. Every string goes through `_run` (apps.core.documents.text: stored text may hold what XML cannot), and
the file carries its own title, author (the lead unit), subject and creation time."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from apps.core import documents

from .. import content

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
CHAPTERS = "一二三四五六七八九十"


def _east_asian(run_or_style, font: str) -> None:
    """python-docx sets only the Latin font slots: Chinese needs w:eastAsia too."""
    element = run_or_style.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(slot), font)


def _run(paragraph, text, *, font=BODY_FONT, size=12, bold=False):
    run = paragraph.add_run(documents.text(text))
    run.font.size = Pt(size)
    run.bold = bold
    _east_asian(run, font)
    return run


def _document() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(3.17)
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    _east_asian(normal, BODY_FONT)
    return document


def _heading(document, text, *, size=16):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.space_after = Pt(6)
    _run(paragraph, text, font=HEADING_FONT, size=size, bold=True)
    return paragraph


def _subheading(document, text):
    paragraph = document.add_paragraph()
    _run(paragraph, text, font=HEADING_FONT, size=13)
    return paragraph


def _text(document, text):
    for block in (documents.text(text) or "—").split("\n"):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(24)
        paragraph.paragraph_format.line_spacing = 1.5
        _run(paragraph, block)


def _table(document, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        _run(cell.paragraphs[0], str(label), font=HEADING_FONT, size=10.5)
    if not rows:
        rows = [["—"] + [""] * (len(header) - 1)]
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            _run(cell.paragraphs[0], str(value), size=10.5)
    document.add_paragraph()
    return table


def _pairs(document, pairs):
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in pairs:
        cells = table.add_row().cells
        _run(cells[0].paragraphs[0], str(label), font=HEADING_FONT, size=10.5)
        _run(cells[1].paragraphs[0], str(value or "—"), size=10.5)
    document.add_paragraph()


def _cover(document, application, data):
    for _i in range(3):
        document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, _("Inner Mongolia High-Value Patent Cultivation Center"), font=HEADING_FONT, size=22, bold=True)
    subtitle = document.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(subtitle, _("Construction Project Application"), font=HEADING_FONT, size=26, bold=True)
    for _i in range(4):
        document.add_paragraph()
    lines = [
        (_("Project name"), data["project_name"]),
        (_("Lead unit (seal)"), data["lead_unit"]["name"]),
        (_("Call"), data["call"]),
        (_("Topic"), data["topic"]),
        (_("Recommended by"), application.lead_unit.prefecture.office_name if application.lead_unit.prefecture else ""),
        (_("Contact person and phone"), f"{data['contact_name']}  {data['contact_phone']}"),
        (_("Date"), timezone.localdate(application.submitted_at).isoformat() if application.submitted_at else ""),
    ]
    for label, value in lines:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(2)
        _run(paragraph, f"{label}：", font=HEADING_FONT, size=14)
        _run(paragraph, value or "", size=14)
    for _i in range(3):
        document.add_paragraph()
    footer = document.add_paragraph()
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, _("Inner Mongolia Administration for Market Regulation (IP Office)"), size=14)
    footer.add_run().add_break(WD_BREAK.PAGE)


def application_docx(application) -> bytes:
    """The .docx of the application's content (`content.loaded`: read once, whatever it holds)."""
    loaded = content.loaded(application)
    data = loaded.snapshot
    laid_out = loaded.sections
    tables = laid_out["tables"]
    document = _document()
    documents.docx_properties(
        document,
        title=data["project_name"] or _("Construction Project Application"),
        author=data["lead_unit"]["name"] or _("Inner Mongolia High-Value Patent Cultivation Center"),
        subject=f"{_('Inner Mongolia High-Value Patent Cultivation Center')} {_('Construction Project Application')}",
    )
    _cover(document, application, data)

    chapter = iter(CHAPTERS)
    lead = data["lead_unit"]
    _heading(document, f"{next(chapter)}、{_('The lead unit')}")
    _pairs(
        document,
        [
            (_("Organization"), lead["name"]),
            (_("Unified social credit code"), lead["credit_code"]),
            (_("Organization type"), lead["kind"]),
            (_("Prefecture"), lead["prefecture"]),
            (_("Address"), lead.get("address", "")),
            (_("Contact person"), data["contact_name"]),
            (_("Contact phone"), data["contact_phone"]),
            (_("Contact email"), data["contact_email"]),
        ],
    )
    _heading(document, f"{next(chapter)}、{tables['partners']['label']}")
    _table(document, tables["partners"]["columns"], tables["partners"]["rows"])

    _heading(document, f"{next(chapter)}、{_('Conditions of the lead unit (Art. 10)')}")
    _subheading(document, _("(1) Technical field"))
    _text(document, f"{data['field_industry']}：{data['field_description']}")
    _subheading(document, _("(2) R&D level"))
    _table(document, tables["capabilities"]["columns"], tables["capabilities"]["rows"])
    _subheading(document, _("(3) R&D investment of the last three years"))
    _table(document, tables["rd_investments"]["columns"], tables["rd_investments"]["rows"])
    _subheading(document, _("(4) IP management and IP base"))
    _pairs(
        document,
        [
            (_("IP management system"), data["ip_system"]),
            (_("Certificate number"), data["ip_certificate_number"]),
            (_("Certification body"), data["ip_certificate_issuer"]),
            (_("Invention patents held"), data["invention_patents"]),
            (_("Other patents held"), data["other_patents"]),
        ],
    )
    _text(document, data["patent_summary"])
    _subheading(document, _("(5) Cooperation with industry, universities and research institutes"))
    _text(document, data["cooperation_record"])

    _heading(document, f"{next(chapter)}、{_('Construction plan')}")
    _subheading(document, _("Construction goals"))
    _text(document, data["goals"])
    for key, label, section in content.SCALAR_FIELDS:
        if section == "plan" and key != "goals":
            _subheading(document, str(label))
            _text(document, data[key])

    _heading(document, f"{next(chapter)}、{tables['indicators']['label']}")
    _table(document, tables["indicators"]["columns"], tables["indicators"]["rows"])

    _heading(document, f"{next(chapter)}、{tables['budget']['label']}")
    _table(
        document,
        tables["budget"]["columns"],
        tables["budget"]["rows"] + [[_("Total"), data["requested_total"], data["matched_total"], ""]],
    )

    _heading(document, f"{next(chapter)}、{tables['attachments']['label']}")
    _table(document, tables["attachments"]["columns"][:2], [row[:2] for row in tables["attachments"]["rows"]])

    document.add_section(WD_SECTION.CONTINUOUS)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
