"""The evaluation dossier as PDF, the same content as the .docx (`content.content`): WeasyPrint renders
`evaluations/exports/dossier_pdf.html` through `apps.core.documents.pdf_bytes` (A4, Noto CJK; no URL is fetched);
the content is cleaned first (`apps.core.documents.clean_tree`); the PDF's title and author come from the template's
<head>."""

import dataclasses
import datetime
from pathlib import Path

from django.template.loader import render_to_string

from apps.core import clock, documents

from ..dossier import Dossier
from .content import Content, content

STYLESHEET = Path(__file__).with_name("dossier_pdf.css")


def dossier_html(data: Content) -> str:
    chapters = [
        {
            "heading": chapter.heading,
            "note": chapter.note,
            "tables": [
                {
                    **dataclasses.asdict(table),
                    "rows": [[str(cell).split("\n") for cell in row] for row in table.rows],
                }
                for table in chapter.tables
            ],
        }
        for chapter in data.chapters
    ]
    return render_to_string(
        "evaluations/exports/dossier_pdf.html",
        {
            "title": documents.text(data.title),
            "author": documents.text(data.author),
            "subject": documents.text(data.subject),
            "particulars": documents.clean_tree(data.particulars),
            "chapters": documents.clean_tree(chapters),
            "as_of": documents.text(data.as_of_text),
            "created": clock.real_now().astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    )


def dossier_pdf(dossier: Dossier) -> bytes:
    return documents.pdf_bytes(dossier_html(content(dossier)), stylesheet=STYLESHEET)
