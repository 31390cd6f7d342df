"""The grading pages (Art. 13(3) 分级分类管理; section "grading" of a center's patent pages):

- `grading_list` (`patents:grading`): the center's gradable patents (in force or under examination) with the
  suggested grade and scores, the grade in force, the high-value flag and its categories; filters "not graded",
  "due for re-grading", "grade A/B/C"; counts by grade; the lead unit selects several and confirms their
  suggestions (`grading_confirm`, POST);
- `grade` (`patents:grade`): one patent's suggestion with the facts and the scoring, its grade history, and the
  lead unit's form to confirm or override with a reason;
- `grading_model` (`patents:grading_model`): the center's weights and thresholds (the lead unit's administrator);
- `strategic_ipc` (`patents:strategic_ipc`, `strategic_ipc_delete`): the region's strategic-industry IPC list;
- `panel_context`: the grading panel of a patent's page (`detail_panels`).

Everyone who sees the center sees the grades; only its lead unit grades, only its administrator sets the model
(403 with the reason); a center the user may not see is a 404. Every page costs a constant number of queries."""

from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import clock
from apps.core.actions import delete_action, form_page, post_action
from apps.core.forms import StyledForm
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import grading, high_value, policies, rules, selectors
from .forms_grading import BulkConfirmForm, GradeForm, GradingModelForm, StrategicIPCForm
from .models import Patent, PatentGrade, StrategicIPC

PER_PAGE = 25
FILTERS = ("", "not_graded", "due", "A", "B", "C")


def _base(center, **extra) -> dict:
    return {"center": center, "tab": "patents", "section": "grading", **extra}


def _patent(center, patent_pk) -> Patent:
    patent = get_object_or_404(Patent.objects.filter(center_id=center.pk), pk=patent_pk)
    patent.center = center
    return patent


def _latest(field):
    return Subquery(PatentGrade.objects.filter(patent=OuterRef("pk")).order_by("-graded_on", "-id").values(field)[:1])


# ---------------------------------------------------------------- the list


@login_required
def grading_list(request, pk):
    center = selectors.center_for(request.user, pk)
    user = request.user
    guard(policies.can_view(user, center))
    today = clock.today()
    show = request.GET.get("show", "")
    show = show if show in FILTERS else ""
    patents = grading.gradable(selectors.patents_of(center))
    if show == "not_graded":
        patents = patents.filter(grade="")
    elif show == "due":
        patents = grading.due(patents, today)
    elif show:
        patents = patents.filter(grade=show)
    hv_context = high_value.load_context()
    patents = high_value.annotate(grading.annotate_facts(patents, today), today, hv_context).annotate(
        g_last_on=_latest("graded_on")
    )
    page = page_of(request, patents, PER_PAGE)
    model = grading.model_of(center)
    before = grading.regrade_before(today)
    rows = []
    for patent in page.object_list:
        suggestion = grading.suggestion_of(patent, model, today)
        rows.append(
            {
                "patent": patent,
                "suggestion": suggestion,
                "categories": high_value.labels(high_value.categories(patent, today, context=hv_context)),
                "last_on": patent.g_last_on,
                "due": bool(patent.grade and patent.g_last_on and patent.g_last_on <= before),
            }
        )
    counts = grading.counts_by_grade(center)
    return render(
        request,
        "patents/grading/list.html",
        _base(
            center,
            page=page,
            rows=rows,
            show=show,
            counts=counts,
            not_graded=counts[""],
            count_rows=[(g, grading.GRADE_LABELS[g], counts[g]) for g in grading.GRADES],
            due_count=grading.due(Patent.objects.filter(center_id=center.pk), today).count(),
            high_value_count=high_value.high_value_queryset(
                Patent.objects.filter(center_id=center.pk), today, hv_context
            ).count(),
            model=model,
            can_keep=policies.can_keep(user, center),
            can_configure=policies.can_configure(user, center),
            filters=[
                ("", _("All gradable")),
                ("not_graded", _("Not graded")),
                ("due", _("Due for re-grading")),
                *[(g, grading.GRADE_LABELS[g]) for g in grading.GRADES],
            ],
            regrade_days=rules.REGRADE_AFTER_DAYS,
        ),
    )


@login_required
@require_POST
@once
def grading_confirm(request, pk):
    center = selectors.center_for(request.user, pk)
    user = request.user
    guard(policies.can_keep(user, center))
    show = request.POST.get("show", "")
    back = grading.grading_url(center) + (f"?show={show}" if show in FILTERS and show else "")
    return post_action(
        request,
        form=BulkConfirmForm(request.POST),
        run=lambda data: grading.grade_bulk_confirm(user, center, data["patents"]),
        success=lambda rows: _("%(count)s patents graded as suggested.") % {"count": len(rows)},
        redirect_to=back,
    )


# ---------------------------------------------------------------- one patent


def _patent_context(patent, center, today, *, model=None) -> dict:
    """The suggestion (or why there is none), the facts, the history and the high-value categories of a patent:
    a constant number of queries."""
    row = grading.annotate_facts(Patent.objects.filter(pk=patent.pk), today)
    row = high_value.annotate(row, today).get()
    row.center = center
    model = model or grading.model_of(center)
    suggestion = grading.suggestion_of(row, model, today)
    refusal = "" if suggestion else grading.gradable_on(row.g_status).reason
    history = list(PatentGrade.objects.filter(patent_id=patent.pk).select_related("graded_by"))
    return {
        "suggestion": suggestion,
        "refusal": refusal,
        "facts": grading._facts_of(row, today),
        "status_label": Patent.LegalStatus(row.g_status).label if row.g_status else "",
        "history": history,
        "categories": high_value.labels(high_value.categories(row, today)),
        "model": model,
        "handling_table": [(g, grading.GRADE_LABELS[g], grading.HANDLING[g][1]) for g in grading.GRADES],
    }


@login_required
@once
def grade(request, pk, patent_pk):
    center = selectors.center_for(request.user, pk)
    user = request.user
    guard(policies.can_view(user, center))
    patent = _patent(center, patent_pk)
    today = clock.today()
    can_keep = policies.can_keep(user, center)
    if request.method == "POST":
        guard(can_keep)
    info = _patent_context(patent, center, today)
    suggestion = info["suggestion"]
    initial = {"grade": suggestion.grade, "handling": suggestion.handling} if suggestion else {}
    form = GradeForm(request.POST or None, initial=initial)

    def page(form):
        return render(
            request,
            "patents/grading/grade.html",
            _base(center, patent=patent, form=form, can_keep=can_keep, **info),
        )

    return form_page(
        request,
        form=form,
        page=page,
        run=lambda data: grading.grade_confirm(
            user, patent, grade=data["grade"], handling=data["handling"], reason=data["reason"]
        ),
        success=lambda row: _("%(number)s graded %(grade)s.") % {"number": patent.display_number, "grade": row.grade},
        redirect_to=grading.grading_url(center),
        errors_on_form=True,
    )


def panel_context(request, patent) -> dict | None:
    """The grading panel of a patent's page: the grade in force, the suggestion, the history, the high-value flag.
    `patent` is the page's, read by `selectors.patent_for` (its `center_grading_model` attached)."""
    center = patent.center
    # The patent's page read it with its center's grading model (`selectors.patent_for`): no query for it again.
    model = patent.center_grading_model or grading.DEFAULT_MODEL
    info = _patent_context(patent, center, clock.today(), model=model)
    info["grade_url"] = reverse("patents:grade", args=[center.pk, patent.pk])
    return info


# ---------------------------------------------------------------- settings


@login_required
def grading_model(request, pk):
    center = selectors.center_for(request.user, pk)
    user = request.user
    guard(policies.can_configure(user, center))
    model = grading.model_of(center)
    initial = {name: getattr(model, name) for name in grading.WEIGHT_FIELDS}
    return form_page(
        request,
        form=GradingModelForm(request.POST or None, initial=initial),
        page=lambda form: render(
            request,
            "patents/grading/model.html",
            _base(center, form=form, is_default=model.pk is None, default=grading.DEFAULT_MODEL),
        ),
        run=lambda data: grading.grading_model_save(user, center, **data),
        success=_("The grading model has been saved."),
        redirect_to=grading.grading_url(center),
        errors_on_form=True,
    )


@login_required
@once
def strategic_ipc(request):
    user = request.user
    guard(policies.can_configure_region(user))
    return form_page(
        request,
        form=StrategicIPCForm(request.POST or None),
        page=lambda form: render(
            request,
            "patents/grading/strategic_ipc.html",
            {
                "form": form,
                "rows": list(StrategicIPC.objects.all()),
                "threshold": rules.HIGH_VALUE_PLEDGE_THRESHOLD,
                "threshold_value": rules.HIGH_VALUE_PLEDGE_THRESHOLD.value(),
            },
        ),
        run=lambda data: high_value.strategic_ipc_save(user, **data),
        success=lambda row: _("%(prefix)s: %(industry)s saved.") % {"prefix": row.ipc_prefix, "industry": row.industry},
        redirect_to=reverse("patents:strategic_ipc"),
        errors_on_form=True,
    )


@login_required
@require_POST
def strategic_ipc_delete(request, ipc_pk):
    user = request.user
    guard(policies.can_configure_region(user))
    return delete_action(
        request,
        find=lambda: StrategicIPC.objects.filter(pk=ipc_pk).first(),
        form=StyledForm(request.POST),
        run=lambda row, data: high_value.strategic_ipc_delete(user, row),
        success=lambda row: _("%(prefix)s removed from the list.") % {"prefix": row.ipc_prefix},
        gone=_("This IPC prefix had already been removed from the list."),
        redirect_to=reverse("patents:strategic_ipc"),
    )
