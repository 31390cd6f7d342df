"""The center's KPI tab (Art. 16): the table of target against actual by contract year and cumulatively, "as of" any
date; the records behind each figure; the region's bindings of KPIs to metrics; the lead unit's self-reported values.

A center the user may not see is a 404 (`selectors.center_for`); a KPI that is not one of the version in force, or
a year that does not exist, too. A form the user may not send is a 403 with the reason (`kpi.can_bind`,
`kpi.can_report`); a refusal of the rules is the form again with the Chinese message, nothing changed. A
self-reported value sent twice is recorded once (`@once` + `{% form_token %}`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.actions import form_page
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import kpi, metrics, selectors
from .forms_kpi import AsOfForm, BindingsForm, ReportForm, as_of_from

PER_PAGE = 25


def _center(request, pk):
    """The center as the user may see it (404 otherwise). `selectors.center_for` reads it among the centers the user
    sees (`centers.selectors.visible_to`), which is the rule of `policies.can_view`: asking the policy again would
    cost a query and never refuse."""
    return selectors.center_for(request.user, pk)


def _context(center, **extra) -> dict:
    return {"center": center, "tab": "kpi", **extra}


@login_required
def table(request, pk):
    center = _center(request, pk)
    as_of = as_of_from(request)
    result = kpi.table(center, as_of=as_of)
    return render(
        request,
        "patents/kpi/table.html",
        _context(
            center,
            table=result,
            as_of_form=AsOfForm(initial={"as_of": result.as_of}),
            as_of_query=f"?as_of={as_of.isoformat()}" if as_of else "",
            is_today=result.as_of == clock.today(),
            can_bind=bool(kpi.can_bind(request.user, center)),
            can_report=bool(kpi.can_report(request.user, center)),
        ),
    )


@login_required
def records(request, pk, indicator_pk, year):
    center = _center(request, pk)
    indicator = kpi.indicator_of(center, indicator_pk)
    if indicator is None:
        raise Http404(_("This KPI is not one of the contract version in force."))
    as_of = as_of_from(request)
    found = kpi.records(center, indicator, year, as_of=as_of)
    if found is None:
        raise Http404(_("This contract year has no figure on that date."))
    page = page_of(request, found.queryset, PER_PAGE)
    page.object_list = list(page.object_list)
    evidence = kpi.evidence_of(page.object_list) if found.record_type == "reported" else {}
    for row in page.object_list:
        row.evidence = evidence.get(row.pk, [])
    return render(
        request,
        "patents/kpi/records.html",
        _context(
            center,
            found=found,
            page=page,
            back=reverse("patents:kpi", args=[center.pk]) + (f"?as_of={as_of.isoformat()}" if as_of else ""),
        ),
    )


@login_required
def bindings(request, pk):
    center = _center(request, pk)
    guard(kpi.can_bind(request.user, center))
    version = kpi.version_in_force(center)
    if version is None:
        raise Http404(_("The center has no contract in force: there are no KPIs to bind."))
    indicators = list(version.indicators.order_by("order", "id"))
    return form_page(
        request,
        form=BindingsForm(request.POST or None, indicators=indicators),
        page=lambda bound: render(
            request,
            "patents/kpi/bindings.html",
            _context(center, form=bound, version=version, metrics=metrics.METRICS.values()),
        ),
        run=lambda data: kpi.bind_many(
            request.user, center, {i.pk: data.get(BindingsForm.key(i)) or "" for i in indicators}
        ),
        success=_("Bindings saved."),
        redirect_to=reverse("patents:kpi", args=[center.pk]),
        errors_on_form=True,
    )


@login_required
@once
def report(request, pk, indicator_pk):
    center = _center(request, pk)
    guard(kpi.can_report(request.user, center))
    indicator = kpi.indicator_of(center, indicator_pk)
    if indicator is None:
        raise Http404(_("This KPI is not one of the contract version in force."))
    version = kpi.version_in_force(center)
    years = kpi.years_of(version, last_target_year=kpi.last_target_year(indicator))
    current = kpi.year_of(years, clock.today())
    initial = {"as_of": min(clock.today(), current.ends_on)} if current else {}
    if current:
        initial["year"] = current.number
    return form_page(
        request,
        form=ReportForm(request.POST or None, request.FILES or None, years=years, initial=initial),
        page=lambda bound: render(
            request, "patents/kpi/report.html", _context(center, form=bound, indicator=indicator, years=years)
        ),
        run=lambda data: kpi.report(
            request.user,
            indicator,
            year=data["year"],
            value=data["value"],
            as_of=data["as_of"],
            explanation=data["explanation"],
            evidence=data.get("evidence"),
        ),
        success=lambda entry: (
            _("Value reported: %(name)s, year %(year)s: %(value)s %(unit)s.")
            % {"name": indicator.name, "year": entry.year, "value": entry.value, "unit": indicator.unit}
        ),
        redirect_to=reverse("patents:kpi", args=[center.pk]),
        errors_on_form=True,
    )
