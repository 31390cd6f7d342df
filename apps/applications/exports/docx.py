"""The application as a Word 申报书 in the usual official layout: A4, a cover page, 宋体 body with 黑体 headings,
numbered chapters (一、二、…) and bordered tables. Rendered from the loaded content (content.load), the same data as
the page, with the shared Word helpers of apps.core.documents (`docx_document`, `docx_run`, `docx_paragraphs`,
`docx_table`): every string goes through its `text()` (stored text may hold what XML cannot), and the file
carries its own title, author (the lead unit), subject and creation time."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from apps.core import documents
from apps.core.documents import HEADING_FONT, docx_paragraphs, docx_run, docx_table

from .. import content

CHAPTERS = "一二三四五六七八九十"
MARGINS_CM = (2.54, 2.54, 3.17, 3.17)  # top, bottom, left, right: Word's default page


def _heading(document, text, *, size=16):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.space_after = Pt(6)
    docx_run(paragraph, text, font=HEADING_FONT, size=size, bold=True)
    return paragraph


def _subheading(document, text):
    paragraph = document.add_paragraph()
    docx_run(paragraph, text, font=HEADING_FONT, size=13)
    return paragraph


def _pairs(document, pairs):
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in pairs:
        cells = table.add_row().cells
        docx_run(cells[0].paragraphs[0], str(label), font=HEADING_FONT, size=10.5)
        docx_run(cells[1].paragraphs[0], str(value or "—"), size=10.5)
    document.add_paragraph()


def _cover(document, application, data):
    for _i in range(3):
        document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(title, _("Inner Mongolia High-Value Patent Cultivation Center"), font=HEADING_FONT, size=22, bold=True)
    subtitle = document.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(subtitle, _("Construction Project Application"), font=HEADING_FONT, size=26, bold=True)
    for _i in range(4):
        document.add_paragraph()
    lines = [
        (_("Project name"), data["project_name"]),
        (_("Lead unit (seal)"), data["lead_unit"]["name"]),
        (_("Call"), data["call"]),
        (_("Topic"), data["topic"]),
        (_("Recommended by"), application.lead_unit.prefecture.office_name if application.lead_unit.prefecture else ""),
        (_("Contact person and phone"), f"{data['contact_name']}  {data['contact_phone']}"),
        (
            pgettext("application submitted on", "Date"),
            timezone.localdate(application.submitted_at).isoformat() if application.submitted_at else "",
        ),
    ]
    for label, value in lines:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(2)
        docx_run(paragraph, f"{label}：", font=HEADING_FONT, size=14)
        docx_run(paragraph, value or "", size=14)
    for _i in range(3):
        document.add_paragraph()
    footer = document.add_paragraph()
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(footer, _("Inner Mongolia Administration for Market Regulation (IP Office)"), size=14)
    footer.add_run().add_break(WD_BREAK.PAGE)


def application_docx(application) -> bytes:
    """The .docx of the application's content (`content.loaded`: read once, whatever it holds)."""
    loaded = content.loaded(application)
    data = loaded.snapshot
    laid_out = loaded.sections
    tables = laid_out["tables"]
    document = documents.docx_document(margins=MARGINS_CM)
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
    docx_table(document, tables["partners"]["columns"], tables["partners"]["rows"])

    _heading(document, f"{next(chapter)}、{_('Conditions of the lead unit (Art. 10)')}")
    _subheading(document, _("(1) Technical field"))
    docx_paragraphs(document, f"{data['field_industry']}：{data['field_description']}")
    _subheading(document, _("(2) R&D level"))
    docx_table(document, tables["capabilities"]["columns"], tables["capabilities"]["rows"])
    _subheading(document, _("(3) R&D investment of the last three years"))
    docx_table(document, tables["rd_investments"]["columns"], tables["rd_investments"]["rows"])
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
    docx_paragraphs(document, data["patent_summary"])
    _subheading(document, _("(5) Cooperation with industry, universities and research institutes"))
    docx_paragraphs(document, data["cooperation_record"])

    _heading(document, f"{next(chapter)}、{_('Construction plan')}")
    _subheading(document, _("Construction goals"))
    docx_paragraphs(document, data["goals"])
    for key, label, section in content.SCALAR_FIELDS:
        if section == "plan" and key != "goals":
            _subheading(document, str(label))
            docx_paragraphs(document, data[key])

    _heading(document, f"{next(chapter)}、{tables['indicators']['label']}")
    docx_table(document, tables["indicators"]["columns"], tables["indicators"]["rows"])

    _heading(document, f"{next(chapter)}、{tables['budget']['label']}")
    docx_table(
        document,
        tables["budget"]["columns"],
        tables["budget"]["rows"] + [[_("Total"), data["requested_total"], data["matched_total"], ""]],
    )

    _heading(document, f"{next(chapter)}、{tables['attachments']['label']}")
    docx_table(document, tables["attachments"]["columns"][:2], [row[:2] for row in tables["attachments"]["rows"]])

    document.add_section(WD_SECTION.CONTINUOUS)
    return documents.document_bytes(document)
