"""The construction contract as a Word document in the usual official layout: A4, a title page with the unified
center name and the contract number, numbered articles (第一条 …) with bordered tables (KPIs, budget, tranches) and
both parties' signature blocks. Fonts as official documents use them — 黑体 for the title and the article headings,
仿宋 for the title page's particulars and the signature blocks, 宋体 for the body — set in the East Asian slot
(`w:eastAsia`) too, which python-docx leaves empty. The page, the runs, paragraphs and tables are the shared Word
helpers of `apps.core.documents` (`docx_document`, `docx_run`, …): every string goes through its `text()`."""

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from apps.core import documents
from apps.core.documents import FANGSONG, HEADING_FONT, docx_run

from .contract_content import content


def _title_page(document, data):
    for _i in range(4):
        document.add_paragraph()
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    docx_run(number, _("Contract No.: %(number)s") % {"number": data["number"]}, font=FANGSONG, size=14)
    for _i in range(2):
        document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(title, data["title"], font=HEADING_FONT, size=22, bold=True)
    if not data["in_force"]:
        draft = document.add_paragraph()
        draft.alignment = WD_ALIGN_PARAGRAPH.CENTER
        state = _("(Version %(number)s, not signed: %(status)s)")
        state %= {"number": data["version"], "status": data["status"]}
        docx_run(draft, state, font=FANGSONG, size=14)
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
        docx_run(paragraph, f"{label}：", font=HEADING_FONT, size=14)
        docx_run(paragraph, value, font=FANGSONG, size=14)
    for _i in range(3):
        document.add_paragraph()
    issuer = document.add_paragraph()
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(issuer, data["party_a"], font=FANGSONG, size=14)
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
            docx_run(paragraph, line, font=FANGSONG, size=12)


def contract_docx(version) -> bytes:
    data = content(version)
    document = documents.docx_document()
    documents.docx_properties(
        document,
        title=f"{data['title']} {data['number']}",
        author=data["party_a"],
        subject=data["center_name"],
    )
    _title_page(document, data)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(heading, data["title"], font=HEADING_FONT, size=18, bold=True)
    for article in data["articles"]:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(12)
        paragraph.paragraph_format.space_after = Pt(6)
        docx_run(paragraph, f"{article['label']}　{article['title']}", font=HEADING_FONT, size=14, bold=True)
        for kind, *value in article["blocks"]:
            if kind == "text":
                documents.docx_paragraphs(document, value[0])
            elif kind == "subheading":
                docx_run(document.add_paragraph(), value[0], font=HEADING_FONT, size=12)
            elif kind == "table":
                documents.docx_table(document, value[0]["columns"], value[0]["rows"])
    _signatures(document, data)
    return documents.document_bytes(document)
