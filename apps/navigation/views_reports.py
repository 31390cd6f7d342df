"""The navigation reports' pages (issue 19, "Navigation reports"; Art. 13(2)):

- `report_list` (navigation:reports): the reports the user sees, filtered, sorted, paginated or as .xlsx
  (`listings.REPORTS`, issue 21);
- `report_new` (a dataset's "new report"): the scope form; a bad scope is the form again with `scope.parse`'s
  Chinese message above it and everything typed kept; a dataset still importing is refused the same way;
- `report` (one report): the scope, the strategy, the data source, the cut-off date and the dataset version, then
  every analysis as an ECharts chart (data through `json_script`, code in static/navigation/reports.js) and a table
  whose figures link to the patents behind them; a note when the dataset has a newer version than the report;
- `report_patents`: the patents behind one bar / point / slice / table figure (`drilldown.patents_behind`,
  paginated); a facet or value that makes no sense is a Chinese message on the page, never a 500;
- `report_recompute`, `report_share` (share with / withdraw from the IP council), `report_delete` (a confirmation
  page, then the POST with the box ticked): the lead unit (`policies.can_work` / `can_share`, 403 with the reason);
- `report_docx`: the .docx (charts as images, the scope as an appendix) for whoever sees the report.

A report the user may not see is a 404 (`selectors.report_for`, `selectors.dataset_for`)."""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import documents
from apps.core.actions import form_page
from apps.core.errors import DomainError
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.policy import guard

from . import drilldown, listings, policies, schema, selectors
from . import scope as scopes
from . import services_reports as services
from .exports.content import percent, sections
from .exports.docx import scope_rows
from .forms_reports import COUNTRIES, ReportForm, initial_from_scope, prefecture_choices, scope_data

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PER_PAGE = 25


def chart_labels() -> dict:
    """The words the charts show (series names, axis names), translated, for reports.js."""
    return {
        "applications": _("Patent applications"),
        "applicants": _("Number of applicants"),
        "inner_mongolia": _("Inner Mongolia"),
        "china": _("China"),
        "recent": _("Last three complete years"),
        "earlier": _("Earlier years"),
        "score": _("Score"),
        "cited_by": _("Cited by"),
        "others": _("Other applicants"),
        "no_data": _("No records in scope for this analysis."),
    }


# ---------------------------------------------------------------- the list


@login_required
def report_list(request):
    """The navigation reports the user sees (its unit's, its prefecture's or the region's, and those shared with the
    IP council it sits on), filtered, sorted, paginated, or as .xlsx: `listings.REPORTS`. The figures (`results`)
    are not read."""
    guard(policies.can_list(request.user))
    reports = selectors.reports_visible_to(request.user).defer("results", "scope", "strategy")
    return listing_page(request, listings.REPORTS, reports, "navigation/reports/list.html")


# ---------------------------------------------------------------- a new report


@login_required
@once
def report_new(request, dataset_pk):
    user = request.user
    dataset = selectors.dataset_for(user, dataset_pk)
    guard(policies.can_work(user, dataset.center))
    initial = {"combine": "and"}
    template_pk = request.GET.get("from")
    if template_pk and template_pk.isdigit():  # "define a similar report" starts from a saved scope
        similar = selectors.reports_visible_to(user).filter(pk=int(template_pk), dataset=dataset).first()
        if similar is not None:
            initial = {**initial_from_scope(similar.scope), "title": _("%(title)s (copy)") % {"title": similar.title}}
    form = ReportForm(request.POST or None, initial=initial)

    def page(form):
        return render(request, "navigation/reports/new.html", {"dataset": dataset, "form": form})

    return form_page(
        request,
        form=form,
        page=page,
        run=lambda data: services.create_report(user, dataset, title=data["title"], scope_data=scope_data(data)),
        success=_("The navigation report is saved."),
        redirect_to=lambda report: report.get_absolute_url(),
        errors_on_form=True,
    )


# ---------------------------------------------------------------- one report


def _region_names() -> dict:
    names = dict(schema.PROVINCES)
    names.update(COUNTRIES)
    names.update(dict(prefecture_choices()))
    return names


@login_required
def report(request, pk):
    user = request.user
    item = selectors.report_for(user, pk)
    guard(policies.can_view_report(user, item))
    names = _region_names()
    applicants = (item.results or {}).get("applicants") or {}
    regions = [f"{names.get(code, code)}（{code}）" for code in (item.scope or {}).get("regions") or []]
    return render(
        request,
        "navigation/reports/detail.html",
        {
            "report": item,
            "facts": scope_rows(item),
            "regions": regions,
            "sections": sections(item.results),
            "labels": chart_labels(),
            "cr4": percent(applicants.get("cr4")),
            "hhi": "—" if applicants.get("hhi") is None else f"{float(applicants['hhi']):.1f}",
            "can_work": policies.can_work(user, item.center),
            "can_share": policies.can_share(user, item),
        },
    )


def _page_number(text) -> int:
    return int(text) if text and text.isdigit() and 0 < len(text) <= 6 and int(text) > 0 else 1


def facet_label(facet: str) -> str:
    labels = {
        "year": _("Filing year"),
        "applicant": _("Applicant"),
        "applicant_type": _("Applicant type"),
        "ipc_subclass": _("IPC subclass"),
        "ipc_group": _("Main IPC group"),
        "country": _("Country or region"),
        "province": _("Province"),
        "prefecture": _("Prefecture"),
        "legal_status": _("Legal status"),
        "key": _("Patent"),
        "inner_mongolia_year": _("Inner Mongolia, filing year"),
        "nation_year": _("China, filing year"),
    }
    return labels.get(facet, facet)


def value_label(results: dict, facet: str, value: str) -> str:
    """The value as the chart names it (a status's label, a province's name), else as given."""
    lists = {
        "applicant_type": ((results.get("applicants") or {}).get("types") or [], "type", "label"),
        "legal_status": (results.get("legal_status") or [], "status", "label"),
        "country": ((results.get("regions") or {}).get("countries") or [], "code", "name"),
        "province": ((results.get("regions") or {}).get("provinces") or [], "code", "name"),
        "prefecture": ((results.get("regions") or {}).get("prefectures") or [], "code", "name"),
    }
    if facet in lists:
        rows, key, label = lists[facet]
        for row in rows:
            if str(row.get(key)) == value and row.get(label):
                return f"{row[label]}"
    return value


@login_required
def report_patents(request, pk):
    user = request.user
    item = selectors.report_for(user, pk)
    guard(policies.can_view_report(user, item))
    facet = request.GET.get("facet", "")[:40]
    value = request.GET.get("value", "")
    number = _page_number(request.GET.get("page"))
    rows, total, error = [], 0, ""
    try:
        scope = scopes.from_saved(item.scope)
        rows, total = drilldown.patents_behind(item.dataset, scope, facet, value, page=number, per_page=PER_PAGE)
    except DomainError as exc:
        error = exc.message
    pages = max(1, math.ceil(total / PER_PAGE))

    def query(page_number: int) -> str:
        data = request.GET.copy()
        data["page"] = str(page_number)
        return data.urlencode()

    return render(
        request,
        "navigation/reports/patents.html",
        {
            "report": item,
            "facet_label": facet_label(facet),
            "value_label": value_label(item.results or {}, facet, value),
            "rows": rows,
            "total": total,
            "error": error,
            "page_number": number,
            "pages": pages,
            "previous_query": query(number - 1) if number > 1 else "",
            "next_query": query(number + 1) if number < pages else "",
            "first_row": (number - 1) * PER_PAGE + 1,
        },
    )


# ---------------------------------------------------------------- the lead unit's actions


@login_required
@require_POST
def report_recompute(request, pk):
    item = selectors.report_for(request.user, pk)
    guard(policies.can_work(request.user, item.center))
    try:
        services.recompute_report(request.user, item)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The report is recomputed from the dataset's current version."))
    return redirect(item.get_absolute_url())


@login_required
@require_POST
def report_share(request, pk):
    item = selectors.report_for(request.user, pk)
    guard(policies.can_share(request.user, item))
    shared = request.POST.get("shared") == "1"
    try:
        services.share_report(request.user, item, shared=shared)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The report is shared with the IP council.")
            if shared
            else _("The report is withdrawn from the IP council."),
        )
    return redirect(item.get_absolute_url())


@login_required
def report_delete(request, pk):
    item = selectors.report_for(request.user, pk)
    guard(policies.can_work(request.user, item.center))
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") != "1":
            error = _("Tick the box to confirm that the report is to be removed.")
        else:
            try:
                services.delete_report(request.user, item)
            except DomainError as exc:
                error = exc.message
            else:
                messages.success(request, _("The report “%(title)s” is removed.") % {"title": item.title})
                return redirect(reverse("navigation:dataset", args=[item.dataset_id]))
    return render(request, "navigation/reports/delete.html", {"report": item, "error": error})


@login_required
def report_docx(request, pk):
    from .exports.docx import report_docx as write

    item = selectors.report_for(request.user, pk)
    guard(policies.can_view_report(request.user, item))
    response = HttpResponse(write(item), content_type=DOCX)
    name = documents.file_name(item.center.name, item.title, extension="docx")
    response["Content-Disposition"] = documents.content_disposition(name, f"navigation-report-{item.pk}.docx")
    response["Cache-Control"] = "private, no-store"
    return response
