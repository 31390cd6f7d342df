"""The application as PDF: WeasyPrint renders an HTML template (A4, Noto CJK fonts from fonts-noto-cjk) through
`apps.core.documents.pdf_bytes`. No URL is fetched: the template is self-contained. The content is cleaned first
(apps.core.documents.clean_tree: stored text may hold control or direction characters); every field wraps inside
the page (application_pdf.css); the PDF's title, author (the lead unit), subject and creation time come from the
template's <head>."""

import datetime
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from apps.core import clock, documents

from .. import content

STYLESHEET = Path(__file__).with_name("application_pdf.css")


def application_html(application) -> str:
    """The HTML of the application's content (`content.loaded`: read once, whatever it holds)."""
    data = documents.clean_tree(content.loaded(application).snapshot)
    prefecture = application.lead_unit.prefecture
    return render_to_string(
        "applications/export/application_pdf.html",
        {
            "application": application,
            "data": data,
            "sections": documents.clean_tree(content.sections(data)),
            "lead": data["lead_unit"],
            "recommended_by": documents.text(prefecture.office_name if prefecture else ""),
            "submitted_on": timezone.localdate(application.submitted_at) if application.submitted_at else None,
            "created": clock.real_now().astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    )


def application_pdf(application) -> bytes:
    return documents.pdf_bytes(application_html(application), stylesheet=STYLESHEET)
