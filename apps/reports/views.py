"""The annual work reports' pages (issue 17): the list (per role), a center's reports (its tab "reports"), one
report (sections, the figures with the unit's comments, the timeline, the actions), the edit page, the figures'
refresh, the comment on one figure, the comparison of two submitted versions, and the region's reporting years.

A report the user may not see is a 404 (`selectors.report_for`). An action the user may not take is a 403 with the
reason (`ANNUAL_REPORT.guard`, `policies.is_writer`, `policies.can_manage_years`); a refusal of the rules (the
state, an empty section, a due date before the year's end) is the page again with the Chinese message and
everything typed. Replayed or double POSTs change nothing twice (`@once` + `{% form_token %}`)."""

import contextlib
import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core import clock
from apps.core.actions import form_page, post_action
from apps.core.errors import DomainError
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.policy import guard
from apps.core.roles import UNIT_ROLES, Role

from . import listings, policies, rules, selectors, services
from .forms import CommentForm, DueDateForm, OpinionForm, SectionsForm, YearForm
from .models import AnnualReport, FigureComment, ReportingYear
from .workflow import ANNUAL_REPORT, report_url

PER_PAGE = 25

SUCCESS = {
    "submit": gettext_lazy("The report is submitted to the prefecture office."),
    "forward": gettext_lazy("The report is forwarded to the region with your opinion."),
    "return": gettext_lazy("The report is returned to the lead unit with your reasons."),
    "receive": gettext_lazy("Receipt of the report is acknowledged."),
    "region_return": gettext_lazy("The report is returned once more with your reasons."),
}


# ---------------------------------------------------------------- lists


@login_required
def report_list(request):
    user = request.user
    guard(policies.can_list(user))
    years = selectors.years_of(user)
    is_regional = user.role == Role.REGIONAL_OFFICER
    export_year = None
    if is_regional:
        chosen = request.GET.get("year", "")
        export_year = int(chosen) if chosen.isdigit() and int(chosen) in years else (years[0] if years else None)
    return listing_page(
        request,
        listings.REPORTS,
        selectors.report_list(user),
        "reports/list.html",
        {
            "is_unit": user.role in UNIT_ROLES,
            "is_regional": is_regional,
            "export_year": export_year,
            "today": clock.today(),
        },
        filter_kwargs={"years": years},
    )


@login_required
def center_reports(request, center_pk):
    from apps.centers import selectors as center_selectors

    center = get_object_or_404(center_selectors.visible_to(request.user), pk=center_pk)
    guard(policies.can_view_center(request.user, center))
    reports = list(selectors.reports_of_center(center))
    for report in reports:
        report.center = center
    return render(
        request,
        "reports/center.html",
        {"center": center, "tab": "reports", "reports": reports, "today": clock.today()},
    )


# ---------------------------------------------------------------- one report


def _figure_groups(report, comments, evidence) -> list[dict]:
    groups, index = [], {}
    for row in services.figure_rows(report.figures):
        if row.group_key not in index:
            index[row.group_key] = {"key": row.group_key, "title": row.group_title, "rows": []}
            groups.append(index[row.group_key])
        found = comments.get(row.key)
        index[row.group_key]["rows"].append(
            {
                "figure": row,
                "comment": found,
                "evidence": evidence.get(found.pk, []) if found is not None else [],
            }
        )
    return groups


def _evidence_of(report) -> dict[int, list]:
    """The evidence files of the report's comments, in one query whether or not it has comments (the page costs
    the same for every report): {comment id: [attachment]}."""
    from apps.attachments.models import Attachment

    found: dict[int, list] = {}
    rows = Attachment.objects.alive().filter(
        owner_type=ContentType.objects.get_for_model(FigureComment),
        owner_id__in=FigureComment.objects.filter(report_id=report.pk).values("pk"),
    )
    for attachment in rows.order_by("uploaded_at", "id"):
        found.setdefault(attachment.owner_id, []).append(attachment)
    return found


def _detail_context(request, report, **bound) -> dict:
    user = request.user
    comments = selectors.comments_by_key(report)
    options = ANNUAL_REPORT.options(user, report)
    opinion_forms = {option.action: bound.get(f"form_{option.action}") or OpinionForm() for option in options}
    versions = list(selectors.versions(report).only("id", "number", "submitted_at", "report_id"))
    return {
        "report": report,
        "center": report.center,
        "tab": "reports",
        "sections": [(services.section_label(name), getattr(report, name)) for name in AnnualReport.SECTIONS],
        "groups": _figure_groups(report, comments, _evidence_of(report)),
        "events": _labelled(selectors.timeline(report)),
        "versions": versions,
        "options": [(option, opinion_forms[option.action]) for option in options],
        "is_writer": bool(policies.is_writer(request.user, report)),
        "can_edit": bool(policies.can_edit(user, report)),
        "can_comment": bool(policies.can_comment(user, report)),
        "status_labels": dict(AnnualReport.Status.choices),
        "today": clock.today(),
    }


def _labelled(events) -> list:
    """The timeline's rows, each with the words of its action."""
    labels = {action: str(t.label) for action, t in ANNUAL_REPORT.transitions.items()}
    labels.update(
        {
            "open": _("Opened"),
            "due_date": _("Due date changed"),
            "overdue": _("Flagged overdue (not submitted by the due date)"),
        }
    )
    rows = list(events)
    for event in rows:
        event.label = labels.get(event.action, event.action)
    return rows


@login_required
def report_detail(request, pk):
    report = selectors.report_for(request.user, pk)
    return render(request, "reports/detail.html", _detail_context(request, report))


@login_required
@require_POST
@once
def report_act(request, pk, action):
    report = selectors.report_for(request.user, pk)
    if action not in ANNUAL_REPORT.transitions:
        raise Http404(_("Unknown action."))
    ANNUAL_REPORT.guard(request.user, report, action)

    def render_again(bound):
        fresh = selectors.report_for(request.user, pk)
        return render(request, "reports/detail.html", _detail_context(request, fresh, **{f"form_{action}": bound}))

    return post_action(
        request,
        form=OpinionForm(request.POST),
        run=lambda data: services.act(request.user, report, action, opinion=data.get("reason", "")),
        success=str(SUCCESS[action]),
        redirect_to=report_url(report),
        render_again=render_again,
    )


@login_required
def report_edit(request, pk):
    report = selectors.report_for(request.user, pk)
    user = request.user
    guard(policies.is_writer(user, report))
    decision = policies.can_edit(user, report)
    if not decision and request.method != "POST":
        messages.error(request, decision.reason)
        return redirect(report_url(report))
    initial = {name: getattr(report, name) for name in AnnualReport.SECTIONS}
    initial["seen_at"] = report.updated_at.isoformat()
    form = SectionsForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request, "reports/edit.html", {"report": report, "center": report.center, "tab": "reports", "form": bound}
        ),
        run=lambda data: services.update_sections(user, report, seen_at=data.get("seen_at", ""), **form.sections()),
        success=_("The report is saved."),
        redirect_to=report_url(report),
        errors_on_form=True,
    )


@login_required
@require_POST
def report_refresh(request, pk):
    report = selectors.report_for(request.user, pk)
    guard(policies.is_writer(request.user, report))
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: services.refresh_figures(report, user=request.user),
        success=lambda r: (
            _("The figures are refreshed from the records as of %(date)s.") % {"date": r.figures_as_of.isoformat()}
        ),
        redirect_to=report_url(report),
    )


@login_required
@once
def figure_comment(request, pk, key):
    report = selectors.report_for(request.user, pk)
    user = request.user
    guard(policies.is_writer(user, report))
    figure = next((row for row in services.figure_rows(report.figures) if row.key == key), None)
    if figure is None:
        raise Http404(_("The report has no such figure."))
    decision = policies.can_comment(user, report)
    if not decision and request.method != "POST":
        messages.error(request, decision.reason)
        return redirect(report_url(report))
    existing = FigureComment.objects.filter(report=report, key=key).select_related("updated_by").first()
    form = CommentForm(request.POST or None, request.FILES or None, initial={"text": existing.text if existing else ""})

    def page(bound):
        return render(
            request,
            "reports/comment.html",
            {
                "report": report,
                "center": report.center,
                "tab": "reports",
                "figure": figure,
                "comment": existing,
                "form": bound,
            },
        )

    return form_page(
        request,
        form=form,
        page=page,
        run=lambda data: services.comment(user, report, key, data["text"], evidence=data.get("evidence")),
        success=_("Your comment on the figure is saved."),
        redirect_to=report_url(report) + f"#figure-{key}",
        errors_on_form=True,
    )


# ---------------------------------------------------------------- versions


def _number(value):
    with contextlib.suppress(TypeError, ValueError):
        return int(value)
    return None


@login_required
def version_compare(request, pk):
    report = selectors.report_for(request.user, pk)
    guard(policies.can_compare(request.user, report))
    versions = list(selectors.versions(report))
    by_number = {v.number: v for v in versions}
    comparison, error = None, ""
    if len(versions) >= 2:
        a, b = _number(request.GET.get("a")), _number(request.GET.get("b"))
        if ("a" in request.GET or "b" in request.GET) and (a not in by_number or b not in by_number or a == b):
            error = _("Choose two different submitted versions: the last two are compared instead.")
            a = b = None
        if a is None or b is None:
            a, b = versions[-2].number, versions[-1].number
        if a > b:
            a, b = b, a
        comparison = services.compare(by_number[a], by_number[b])
    return render(
        request,
        "reports/versions.html",
        {
            "report": report,
            "center": report.center,
            "tab": "reports",
            "versions": versions,
            "comparison": comparison,
            "error": error,
        },
    )


# ---------------------------------------------------------------- the region's reporting years


def _year_rows():
    from django.db.models import Count

    counts: dict[int, dict] = {}
    for row in AnnualReport.objects.order_by().values("year", "status").annotate(n=Count("id")):
        counts.setdefault(row["year"], {})[row["status"]] = row["n"]
    set_years = {y.year: y for y in selectors.reporting_years()}
    rows = []
    for year in sorted(set(counts) | set(set_years), reverse=True):
        by_status = counts.get(year, {})
        reporting = set_years.get(year)
        rows.append(
            {
                "year": year,
                "reporting": reporting,
                "due_on": reporting.due_on if reporting else services.default_due_on(year),
                "total": sum(by_status.values()),
                "statuses": [(label, by_status.get(value, 0)) for value, label in AnnualReport.Status.choices],
            }
        )
    return rows


@login_required
def year_list(request):
    user = request.user
    guard(policies.can_manage_years(user))
    last = clock.today().year - 1
    form = YearForm(request.POST or None, initial={"year": last, "due_on": services.default_due_on(last)})
    return form_page(
        request,
        form=form,
        page=lambda bound: render(request, "reports/years.html", {"rows": _year_rows(), "form": bound}),
        run=lambda data: services.set_due_date(user, data["year"], data["due_on"]),
        success=lambda row: (
            _("Due date of the %(year)s reports: %(date)s.") % {"year": row.year, "date": row.due_on.isoformat()}
        ),
        redirect_to=lambda row: reverse("reports:year", args=[row.year]),
        errors_on_form=True,
    )


def _open_year(user, year):
    """The worker's own function (`tasks.open_year`), on the region's demand."""
    from django.db import transaction

    from apps.audit import services as audit

    if clock.today() <= datetime.date(year, 12, 31):
        raise DomainError(
            _("The year %(year)s has not ended yet: its reports open once it has.") % {"year": year}, code="year"
        )
    try:
        from .tasks import open_year
    except ImportError:
        raise DomainError(_("Opening a year's reports is not available yet.")) from None
    with transaction.atomic():
        opened = open_year(year)
        audit.record(
            "reports.open_year",
            None,
            object_type="reports.reportingyear",
            object_id=year,
            object_repr=str(year),
            message=_("Reports of %(year)s opened on the region's demand") % {"year": year},
            actor=user,
        )
    return opened


@login_required
def year_edit(request, year):
    user = request.user
    guard(policies.can_manage_years(user))
    if not rules.FIRST_YEAR <= year <= rules.LAST_YEAR:
        raise Http404(_("No such report year."))
    reporting = ReportingYear.objects.filter(year=year).first()
    due_on = reporting.due_on if reporting else services.default_due_on(year)
    reports = AnnualReport.objects.filter(year=year)

    def page(bound):
        from django.db.models import Count

        counts = dict(reports.order_by().values_list("status").annotate(n=Count("id")))
        return render(
            request,
            "reports/year.html",
            {
                "year": year,
                "reporting": reporting,
                "due_on": due_on,
                "form": bound,
                "total": sum(counts.values()),
                "statuses": [(value, label, counts.get(value, 0)) for value, label in AnnualReport.Status.choices],
                "year_over": clock.today() > datetime.date(year, 12, 31),
            },
        )

    if request.method == "POST" and request.POST.get("op") == "open":

        def opened_message(result):
            if isinstance(result, int):
                return _("Reports of %(year)s opened: %(count)s new.") % {"year": year, "count": result}
            return _("Reports of %(year)s opened.") % {"year": year}

        return post_action(
            request,
            form=forms.Form(request.POST),
            run=lambda data: _open_year(user, year),
            success=opened_message,
            redirect_to=reverse("reports:year", args=[year]),
        )
    form = DueDateForm(request.POST or None, initial={"due_on": due_on})
    return form_page(
        request,
        form=form,
        page=page,
        run=lambda data: services.set_due_date(user, year, data["due_on"]),
        success=lambda row: (
            _("Due date of the %(year)s reports: %(date)s.") % {"year": row.year, "date": row.due_on.isoformat()}
        ),
        redirect_to=reverse("reports:year", args=[year]),
        errors_on_form="due_on",
    )
