"""The supervision tab of a center (检查 / 验收 / 整改, Art. 5(4), 6(2), 17(2)): its inspections, acceptances and
rectifications; an inspection's page (findings, the finding form for the region and the added prefecture officers,
complete / cancel for the region, the report documents); an acceptance's page (the result form); a rectification's
page (the lead unit's report, the region's conclusion); the region-wide (or a prefecture's own) overview.

A center the user may not see is a 404 (`selectors.visible_to`), and so is any of its records for them. An action the
user may not take is a 403 with the reason; a refusal of the rules is the page again with the Chinese message and
everything typed. Replayed or double POSTs change nothing twice (`@once` + `{% form_token %}`)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core import clock
from apps.core.actions import form_page, post_action
from apps.core.once import once
from apps.core.policy import guard

from . import policies, selectors, supervision
from .forms_supervision import (
    AcceptanceDecideForm,
    AcceptanceForm,
    ConclusionForm,
    FindingForm,
    InspectionForm,
    ReportForm,
    RequiredConclusionForm,
    RequiredReasonForm,
    SummaryForm,
)
from .models import Center, Finding, Inspection, Rectification
from .workflow_supervision import (
    ACCEPTANCE,
    INSPECTION,
    RECTIFICATION,
    acceptance_url,
    inspection_url,
    rectification_url,
)


def _center(request, pk) -> Center:
    return get_object_or_404(selectors.visible_to(request.user), pk=pk)


def _tab_url(center) -> str:
    return reverse("centers:supervision", args=[center.pk])


def _mark_overdue(rectifications, today):
    for rectification in rectifications:
        rectification.overdue = supervision.is_overdue(rectification, today)
    return rectifications


# ---------------------------------------------------------------- the tab and the overview


@login_required
def supervision_tab(request, pk):
    center = _center(request, pk)
    user = request.user
    today = clock.today()
    inspections = list(
        supervision.inspections_visible_to(user, center)
        .annotate(finding_count=Count("findings"))
        .prefetch_related("officers")
        .order_by("-scheduled_on", "-id")
    )
    acceptances = list(supervision.acceptances_visible_to(user, center).order_by("-scheduled_on", "-id"))
    rectifications = _mark_overdue(
        list(supervision.rectifications_visible_to(user, center).order_by("-starts_on", "-id")), today
    )
    may_schedule = bool(supervision.can_schedule(user, center))
    inspected = supervision.center_inspected(center) if may_schedule else None
    acceptance_ok = supervision.acceptance_may_be_scheduled(center) if may_schedule else None
    return render(
        request,
        "centers/supervision_tab.html",
        {
            "center": center,
            "tab": "supervision",
            "inspections": inspections,
            "acceptances": acceptances,
            "rectifications": rectifications,
            "may_schedule": may_schedule,
            "inspection_refusal": inspected.reason if inspected is not None and not inspected else "",
            "acceptance_refusal": acceptance_ok.reason if acceptance_ok is not None and not acceptance_ok else "",
        },
    )


@login_required
def supervision_overview(request):
    user = request.user
    guard(policies.can_list(user))
    today = clock.today()
    inspections, acceptances, rectifications = supervision.overview(user, today=today)
    return render(
        request,
        "centers/supervision_overview.html",
        {
            "inspections": list(inspections),
            "acceptances": list(acceptances),
            "rectifications": _mark_overdue(list(rectifications), today),
            "today": today,
        },
    )


# ---------------------------------------------------------------- inspections


@login_required
@once
def inspection_new(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(supervision.can_schedule(user, center))
    form = InspectionForm(request.POST or None, center=center)
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "centers/inspection_form.html",
            {
                "center": center,
                "tab": "supervision",
                "form": bound,
                "refusal": _refusal(supervision.center_inspected(center)),
            },
        ),
        run=lambda data: supervision.inspection_schedule(
            user,
            center,
            scheduled_on=data["scheduled_on"],
            scope=data["scope"],
            team=data["team"],
            officers=list(data["officers"]),
        ),
        success=_("Inspection scheduled; the lead unit and the officers added have been told."),
        redirect_to=inspection_url,
        errors_on_form=True,
    )


def _refusal(decision) -> str:
    return "" if decision else decision.reason


def _inspection(request, center, inspection_pk) -> Inspection:
    inspection = get_object_or_404(
        supervision.inspections_visible_to(request.user, center)
        .select_related("created_by")
        .prefetch_related("officers"),
        pk=inspection_pk,
    )
    inspection.center = center
    return inspection


def _inspection_context(request, center, inspection, **bound) -> dict:
    user = request.user
    may_record = supervision.can_record_finding(user, inspection)
    findings = list(
        Finding.objects.filter(inspection_id=inspection.pk).select_related("recorded_by").order_by("created_at", "id")
    )
    rectifications = {
        r.finding_id: r
        for r in Rectification.objects.filter(finding__inspection_id=inspection.pk).only(
            "id", "center_id", "finding_id", "due_on", "status"
        )
    }
    for finding in findings:
        finding.rectification = rectifications.get(finding.pk)
    context = {
        "center": center,
        "tab": "supervision",
        "inspection": inspection,
        "findings": findings,
        "options": INSPECTION.options(user, inspection),
        "may_record": bool(may_record),
        "record_decision": supervision.finding_open(inspection) if may_record else None,
        "finding_form": FindingForm(prefix="finding"),
        "complete_form": SummaryForm(prefix="complete"),
        "cancel_form": RequiredReasonForm(prefix="cancel"),
        "last_due": supervision.rectification_last_day(clock.today()),
    }
    context.update(bound)
    return context


@login_required
def inspection_detail(request, pk, inspection_pk):
    center = _center(request, pk)
    inspection = _inspection(request, center, inspection_pk)
    return render(request, "centers/inspection_detail.html", _inspection_context(request, center, inspection))


@login_required
@require_POST
@once
def inspection_finding(request, pk, inspection_pk):
    center = _center(request, pk)
    inspection = _inspection(request, center, inspection_pk)
    guard(supervision.can_record_finding(request.user, inspection))
    form = FindingForm(request.POST, prefix="finding")
    return post_action(
        request,
        form=form,
        run=lambda data: supervision.finding_record(
            request.user,
            inspection,
            text=data["text"],
            requires_rectification=data["requires_rectification"],
            requirements=data["requirements"],
            due_on=data["due_on"],
        ),
        success=lambda finding: (
            _("Finding recorded; a rectification has been required of the lead unit.")
            if finding.requires_rectification
            else _("Finding recorded.")
        ),
        redirect_to=inspection_url(inspection),
        render_again=lambda bound: render(
            request,
            "centers/inspection_detail.html",
            _inspection_context(request, center, _inspection(request, center, inspection_pk), finding_form=bound),
        ),
        errors_on_form=True,
    )


def _inspection_action(action, form_class, prefix, run, success):
    @login_required
    @require_POST
    @once
    def view(request, pk, inspection_pk):
        center = _center(request, pk)
        inspection = _inspection(request, center, inspection_pk)
        INSPECTION.guard(request.user, inspection, action)
        return post_action(
            request,
            form=form_class(request.POST, prefix=prefix),
            run=lambda data: run(request.user, inspection, data),
            success=success,
            redirect_to=inspection_url(inspection),
            render_again=lambda bound: render(
                request,
                "centers/inspection_detail.html",
                _inspection_context(
                    request, center, _inspection(request, center, inspection_pk), **{f"{prefix}_form": bound}
                ),
            ),
            errors_on_form=True,
        )

    view.__name__ = view.__qualname__ = f"inspection_{action}"
    return view


inspection_complete = _inspection_action(
    "complete",
    SummaryForm,
    "complete",
    lambda user, inspection, data: supervision.inspection_complete(user, inspection, summary=data["summary"]),
    gettext_lazy("Inspection completed; the lead unit and the prefecture office have been told."),
)
inspection_cancel = _inspection_action(
    "cancel",
    RequiredReasonForm,
    "cancel",
    lambda user, inspection, data: supervision.inspection_cancel(user, inspection, reason=data["reason"]),
    gettext_lazy("Inspection cancelled."),
)


# ---------------------------------------------------------------- acceptance


@login_required
@once
def acceptance_new(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(supervision.can_schedule(user, center))
    earliest = supervision.acceptance_earliest(center)
    form = AcceptanceForm(request.POST or None, center=center, earliest=earliest)
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "centers/acceptance_form.html",
            {
                "center": center,
                "tab": "supervision",
                "form": bound,
                "refusal": _refusal(supervision.acceptance_may_be_scheduled(center)),
            },
        ),
        run=lambda data: supervision.acceptance_schedule(
            user, center, scheduled_on=data["scheduled_on"], team=data["team"]
        ),
        success=_("Acceptance scheduled; the lead unit and the prefecture office have been told."),
        redirect_to=acceptance_url,
        errors_on_form=True,
    )


def _acceptance(request, center, acceptance_pk):
    acceptance = get_object_or_404(
        supervision.acceptances_visible_to(request.user, center).select_related("created_by"), pk=acceptance_pk
    )
    acceptance.center = center
    return acceptance


def _acceptance_context(request, center, acceptance, **bound) -> dict:
    user = request.user
    options = ACCEPTANCE.options(user, acceptance)
    rectification = (
        Rectification.objects.filter(acceptance_id=acceptance.pk).only("id", "center_id", "due_on", "status").first()
        if acceptance.result == "failed"
        else None
    )
    context = {
        "center": center,
        "tab": "supervision",
        "acceptance": acceptance,
        "option": options[0] if options else None,
        "decide_form": AcceptanceDecideForm(prefix="decide"),
        "rectification": rectification,
        "last_due": supervision.rectification_last_day(clock.today()),
    }
    context.update(bound)
    return context


@login_required
def acceptance_detail(request, pk, acceptance_pk):
    center = _center(request, pk)
    acceptance = _acceptance(request, center, acceptance_pk)
    return render(request, "centers/acceptance_detail.html", _acceptance_context(request, center, acceptance))


@login_required
@require_POST
@once
def acceptance_decide(request, pk, acceptance_pk):
    center = _center(request, pk)
    acceptance = _acceptance(request, center, acceptance_pk)
    ACCEPTANCE.guard(request.user, acceptance, "pass")
    form = AcceptanceDecideForm(request.POST, prefix="decide")
    return post_action(
        request,
        form=form,
        run=lambda data: supervision.acceptance_decide(
            request.user,
            acceptance,
            passed=data["result"] == "passed",
            opinion=data["opinion"],
            requirements=data["requirements"],
            due_on=data["due_on"],
        ),
        success=lambda decided: (
            _("Acceptance passed: the center is accepted.")
            if decided.result == "passed"
            else _("Acceptance failed: the center must rectify.")
        ),
        redirect_to=acceptance_url(acceptance),
        render_again=lambda bound: render(
            request,
            "centers/acceptance_detail.html",
            _acceptance_context(request, center, _acceptance(request, center, acceptance_pk), decide_form=bound),
        ),
        errors_on_form=True,
    )


# ---------------------------------------------------------------- rectification

RECTIFICATION_FORMS = {
    # action: (form class, prefix)
    "report": (ReportForm, "report"),
    "complete": (ConclusionForm, "complete"),
    "fail": (RequiredConclusionForm, "fail"),
}


def _rectification(request, center, rectification_pk) -> Rectification:
    rectification = get_object_or_404(
        supervision.rectifications_visible_to(request.user, center).select_related(
            "created_by", "finding__inspection", "acceptance"
        ),
        pk=rectification_pk,
    )
    rectification.center = center
    return rectification


def _rectification_context(request, center, rectification, **bound) -> dict:
    rectification.overdue = supervision.is_overdue(rectification)
    context = {
        "center": center,
        "tab": "supervision",
        "rectification": rectification,
        "options": RECTIFICATION.options(request.user, rectification),
    }
    for action, (form_class, prefix) in RECTIFICATION_FORMS.items():
        context[f"{action}_form"] = form_class(prefix=prefix)
    context.update(bound)
    return context


@login_required
def rectification_detail(request, pk, rectification_pk):
    center = _center(request, pk)
    rectification = _rectification(request, center, rectification_pk)
    return render(request, "centers/rectification_detail.html", _rectification_context(request, center, rectification))


def _rectification_action(action, run, success):
    form_class, prefix = RECTIFICATION_FORMS[action]

    @login_required
    @require_POST
    @once
    def view(request, pk, rectification_pk):
        center = _center(request, pk)
        rectification = _rectification(request, center, rectification_pk)
        RECTIFICATION.guard(request.user, rectification, action)
        return post_action(
            request,
            form=form_class(request.POST, prefix=prefix),
            run=lambda data: run(request.user, rectification, data),
            success=success,
            redirect_to=rectification_url(rectification),
            render_again=lambda bound: render(
                request,
                "centers/rectification_detail.html",
                _rectification_context(
                    request,
                    center,
                    _rectification(request, center, rectification_pk),
                    **{f"{action}_form": bound},
                ),
            ),
            errors_on_form=True,
        )

    view.__name__ = view.__qualname__ = f"rectification_{action}"
    return view


rectification_report = _rectification_action(
    "report",
    lambda user, r, data: supervision.rectification_report(user, r, report=data["report"]),
    gettext_lazy("Rectification reported; the regional bureau has been asked to conclude it."),
)
rectification_complete = _rectification_action(
    "complete",
    lambda user, r, data: supervision.rectification_conclude(user, r, completed=True, conclusion=data["conclusion"]),
    gettext_lazy("Rectification concluded as done."),
)
rectification_fail = _rectification_action(
    "fail",
    lambda user, r, data: supervision.rectification_conclude(user, r, completed=False, conclusion=data["conclusion"]),
    gettext_lazy("Rectification concluded as not done; the center stays rectifying."),
)
