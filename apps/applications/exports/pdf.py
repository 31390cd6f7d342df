"""The application as PDF: WeasyPrint renders an HTML template (A4, Noto CJK fonts from fonts-noto-cjk). No URL
is fetched: the template is self-contained."""

import logging
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from .. import content

STYLESHEET = Path(__file__).with_name("application_pdf.css")
# WeasyPrint narrates every rendering step at INFO; keep its warnings only.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"external resource refused: {url}")


def application_html(application) -> str:
    data = content.snapshot(application)
    return render_to_string(
        "applications/export/application_pdf.html",
        {
            "application": application,
            "data": data,
            "sections": content.sections(data),
            "lead": data["lead_unit"],
            "submitted_on": timezone.localdate(application.submitted_at) if application.submitted_at else None,
        },
    )


def application_pdf(application) -> bytes:
    from weasyprint import CSS, HTML

    return HTML(string=application_html(application), url_fetcher=_no_fetch).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))]
    )
