"""The downloads of annual work reports: one report as .docx or PDF (whoever sees it: a report the user may not see
is a 404, as on its page), and a year's reports as one .zip with the .xlsx summary, or the summary alone (the
regional bureau: `policies.can_export_year`, a 403 with the reason otherwise). The writers are in `exports/`."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.translation import pgettext

from apps.core import documents
from apps.core.policy import guard

from . import policies, rules, selectors

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(request, pk):
    report = selectors.report_for(request.user, pk)
    if not policies.can_view(request.user, report):
        raise Http404
    return report


def _download(body: bytes, content_type: str, name: str, fallback: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = documents.content_disposition(name, fallback)
    response["Cache-Control"] = "private, no-store"
    return response


def _report_name(report, extension: str) -> str:
    return documents.file_name(report.center.prefecture or "", report.center.name, report.year, extension=extension)


@login_required
def report_docx(request, pk):
    from .exports.docx import report_docx as write

    report = _report(request, pk)
    return _download(write(report), DOCX, _report_name(report, "docx"), f"annual-report-{report.pk}.docx")


@login_required
def report_pdf(request, pk):
    from .exports.pdf import report_pdf as write

    report = _report(request, pk)
    return _download(write(report), "application/pdf", _report_name(report, "pdf"), f"annual-report-{report.pk}.pdf")


def _year(request, year: int) -> int:
    guard(policies.can_export_year(request.user))
    if not rules.FIRST_YEAR <= year <= rules.LAST_YEAR:
        raise Http404
    return year


@login_required
def year_zip(request, year):
    from .exports.year import year_zip as write

    year = _year(request, year)
    name = documents.file_name(pgettext("file name", "Annual work reports"), year, extension="zip")
    return _download(write(year, request.user), "application/zip", name, f"annual-reports-{year}.zip")


@login_required
def year_xlsx(request, year):
    from .exports.year import summary_name
    from .exports.year import year_xlsx as write

    year = _year(request, year)
    return _download(write(year, request.user), XLSX, summary_name(year), f"annual-reports-{year}-summary.xlsx")
