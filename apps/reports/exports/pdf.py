"""The annual work report as PDF, the same content as the .docx (`content.content`): WeasyPrint renders
`reports/exports/report_pdf.html` with the project's engine and fonts (A4, Noto CJK from fonts-noto-cjk), as the
contract's and the application's PDFs do (`apps.core.documents.pdf_bytes`). No URL is fetched; the content is
cleaned first (`apps.core.documents.clean_tree`); every field wraps inside the page; the PDF's title and author
come from the template's <head>. A draft says so on its title page and at the top of every page."""

import dataclasses
import datetime
from pathlib import Path

from django.template.loader import render_to_string

from apps.core import clock, documents

from .content import Content, content

STYLESHEET = Path(__file__).with_name("report_pdf.css")


def report_html(data: Content) -> str:
    chapters = [
        {"heading": chapter.heading, "blocks": [(kind, value) for kind, value in chapter.blocks]}
        for chapter in data.chapters
    ]
    tables = 0
    for chapter in chapters:
        blocks = []
        for kind, value in chapter["blocks"]:
            if kind == "table":
                tables += 1
                value = {**dataclasses.asdict(value), "number": tables}
            elif kind == "text":  # one paragraph per line, each indented as the .docx does
                value = documents.text(value).split("\n") if (value or "").strip() else ["—"]
            blocks.append((kind, value))
        chapter["blocks"] = blocks
    return render_to_string(
        "reports/exports/report_pdf.html",
        {
            "title": documents.text(data.title),
            "draft": data.draft,
            "draft_note": documents.text(data.draft_note),
            "particulars": documents.clean_tree(data.particulars),
            "chapters": documents.clean_tree(chapters),
            "figures_as_of": documents.text(data.as_of_text),
            "opinion": documents.text(data.opinion).split("\n") if data.opinion.strip() else [],
            "lead_unit": documents.text(data.lead_unit),
            "year": data.report.year,
            "created": clock.real_now().astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    )


def report_pdf(report) -> bytes:
    """The PDF of the report: its last submitted version, or (draft, returned) the current text marked as a draft."""
    return documents.pdf_bytes(report_html(content(report)), stylesheet=STYLESHEET)
