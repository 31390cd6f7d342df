"""The evaluation dossier as a Word document (A4, the house style of `apps.core.documents`): the title and the
particulars, then each chapter of `content.content` as a bordered table, and the note on the date the figures are
read as of. Every string goes through `apps.core.documents.text` in the shared helpers."""

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from apps.core import documents
from apps.core.documents import FANGSONG, HEADING_FONT, docx_run, docx_table

from ..dossier import Dossier
from .content import Content, content


def write(data: Content) -> bytes:
    document = documents.docx_document()
    documents.docx_properties(document, title=data.title, author=data.author, subject=data.subject)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(title, data.title, font=HEADING_FONT, size=18, bold=True)
    for label, value in data.particulars:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.5)
        docx_run(paragraph, f"{label}：", font=HEADING_FONT, size=12)
        docx_run(paragraph, value or "—", font=FANGSONG, size=12)
    for chapter in data.chapters:
        heading = document.add_paragraph()
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.space_after = Pt(6)
        docx_run(heading, chapter.heading, font=HEADING_FONT, size=14, bold=True)
        for table in chapter.tables:
            docx_table(document, table.columns, table.rows)
        if chapter.note:
            docx_run(document.add_paragraph(), chapter.note, size=10.5)
    note = document.add_paragraph()
    docx_run(note, _("The figures are the platform's records as of %(date)s.") % {"date": data.as_of_text}, size=10.5)
    return documents.document_bytes(document)


def dossier_docx(dossier: Dossier) -> bytes:
    return write(content(dossier))
