"""The construction contract as PDF: WeasyPrint renders `centers/contract_pdf.html` (A4, Noto CJK fonts from
fonts-noto-cjk), as the application's PDF does (apps/applications/exports/pdf.py), through
`apps.core.documents.pdf_bytes`: no URL is fetched, the content
is cleaned first (`apps.core.documents.clean_tree`), every field wraps inside the page, and the PDF's title and
author come from the template's <head>."""

import datetime
from pathlib import Path

from django.template.loader import render_to_string

from apps.core import clock, documents

from .contract_content import content

STYLESHEET = Path(__file__).with_name("contract_pdf.css")


def contract_html(version) -> str:
    return render_to_string(
        "centers/contract_pdf.html",
        {
            "data": documents.clean_tree(content(version)),
            "created": clock.real_now().astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    )


def contract_pdf(version) -> bytes:
    return documents.pdf_bytes(contract_html(version), stylesheet=STYLESHEET)
