"""The construction contract as PDF: WeasyPrint renders `centers/contract_pdf.html` (A4, Noto CJK fonts from
fonts-noto-cjk), as the application's PDF does (apps/applications/exports/pdf.py): no URL is fetched, the content
is cleaned first (`apps.core.documents.clean_tree`), every field wraps inside the page, and the PDF's title and
author come from the template's <head>."""

import datetime
import logging
from pathlib import Path

from django.template.loader import render_to_string

from apps.core import clock, documents

from .contract_content import content

STYLESHEET = Path(__file__).with_name("contract_pdf.css")
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"external resource refused: {url}")


def contract_html(version) -> str:
    return render_to_string(
        "centers/contract_pdf.html",
        {
            "data": documents.clean_tree(content(version)),
            "created": clock.real_now().astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    )


def contract_pdf(version) -> bytes:
    from weasyprint import CSS, HTML

    return HTML(string=contract_html(version), url_fetcher=_no_fetch).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))]
    )
