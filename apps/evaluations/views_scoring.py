"""The pages of one evaluation (Art. 16–17): its page (header, the indicators by area with the platform's data,
the points given and the comments, the veto findings, the opinion, the actions), the evaluator's scoring form, the
participation and veto forms, the refresh from the platform's data, the transitions (submit / return / confirm),
and the evidence files of a score or a veto finding.

An evaluation the user may not see is a 404 (`selectors.evaluation_for`: an evaluator sees only those of their
organization's open rounds; the lead unit and the prefecture office once the results are published). An action the
user may not take is a 403 with the reason; a refusal of the rules is the page again with the Chinese message and
everything typed. The contest reasons are shown to the region and the evaluator only (`policies.sees_contests`)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.actions import delete_action, form_page, post_action
from apps.core.errors import DomainError
from apps.core.once import once
from apps.core.policy import guard

from . import policies, selectors
from . import services_scoring as services
from .forms_scoring import ActForm, ParticipationForm, ScoresForm, VetoForm
from .models import IndicatorScore, VetoFinding
from .workflow import EVALUATION

SUCCESS = {
    "submit": gettext_lazy("The scores are submitted to the region."),
    "return": gettext_lazy("The scores are returned to the evaluator with your reasons."),
    "confirm": gettext_lazy("The result is confirmed."),
}
OWN_ACTIONS = tuple(SUCCESS)
# The consequences' transitions have their own pages (services_consequences): the action → its URL name.
CONSEQUENCE_PAGES = {
    "support": "support",
    "order_rectification": "rectify",
    "excuse": "excuse",
    "delist": "delist",
}


def _url(name, *args) -> str:
    """The URL of another part's page, or "" while that part has none (the button is then not offered)."""
    try:
        return reverse(f"evaluations:{name}", args=args)
    except NoReverseMatch:
        return ""


def _scores(evaluation) -> list[IndicatorScore]:
    return list(
        IndicatorScore.objects.filter(evaluation=evaluation)
        .select_related("indicator", "indicator__area")
        .order_by("indicator__area__position", "indicator__position", "indicator_id")
    )


def _evidence(scores, findings) -> tuple[dict, dict]:
    """The evidence files of the scores and the findings, in one query: ({score id: [..]}, {finding id: [..]})."""
    if not scores and not findings:
        return {}, {}
    from django.db.models import Q

    from apps.attachments.models import Attachment

    types = ContentType.objects.get_for_models(IndicatorScore, VetoFinding)
    score_type, finding_type = types[IndicatorScore], types[VetoFinding]
    by_score, by_finding = {}, {}
    rows = Attachment.objects.alive().filter(
        Q(owner_type=score_type, owner_id__in=[s.pk for s in scores])
        | Q(owner_type=finding_type, owner_id__in=[f.pk for f in findings])
    )
    for attachment in rows.order_by("uploaded_at", "id"):
        target = by_score if attachment.owner_type_id == score_type.pk else by_finding
        target.setdefault(attachment.owner_id, []).append(attachment)
    return by_score, by_finding


def _areas(scores, evidence) -> list[dict]:
    areas, index = [], {}
    for score in scores:
        area = score.indicator.area
        if area.pk not in index:
            index[area.pk] = {"area": area, "rows": [], "max": 0, "given": 0}
            areas.append(index[area.pk])
        score.evidence = evidence.get(score.pk, [])
        index[area.pk]["rows"].append(score)
        index[area.pk]["max"] += score.max_points
        index[area.pk]["given"] += score.points or 0
    return areas


def _options(user, evaluation, forms_by_action) -> list[dict]:
    """Every option of the table for this user: the evaluation's own transitions post here; the consequences link
    to their pages."""
    out = []
    for option in EVALUATION.options(user, evaluation):
        if option.action in OWN_ACTIONS:
            out.append(
                {
                    "option": option,
                    "post": reverse("evaluations:act", args=[evaluation.pk, option.action]),
                    "form": forms_by_action.get(option.action) or ActForm(),
                }
            )
        else:
            url = _url(CONSEQUENCE_PAGES.get(option.action, option.action), evaluation.pk)
            if url:
                out.append({"option": option, "link": url})
    return out


def _context(request, evaluation, **bound) -> dict:
    user = request.user
    scores = _scores(evaluation)
    findings = list(VetoFinding.objects.filter(evaluation=evaluation).select_related("item"))
    by_score, by_finding = _evidence(scores, findings)
    for finding in findings:
        finding.evidence = by_finding.get(finding.pk, [])
    can_score = bool(policies.can_score(user, evaluation))
    is_evaluator = bool(policies.is_round_evaluator(user, evaluation))
    round_ = evaluation.round
    reevaluate = ""
    if policies.is_regional_officer(user) and evaluation.status == evaluation.Status.RECTIFYING:
        reevaluate = _url("reevaluate", evaluation.pk)
    return {
        "evaluation": evaluation,
        "round": round_,
        "center": evaluation.center,
        "areas": _areas(scores, by_score),
        "scored": sum(1 for s in scores if s.points is not None),
        "count": len(scores),
        "findings": findings,
        "sees_contests": policies.sees_contests(user),
        "can_score": can_score,
        "is_evaluator": is_evaluator,
        "options": _options(user, evaluation, bound.get("action_forms", {})),
        "reevaluate_url": reevaluate,
        "participation_form": bound.get("participation_form")
        or (
            ParticipationForm(
                initial={
                    "participation": evaluation.participation,
                    "justified": evaluation.justified,
                    "justification": evaluation.justification,
                }
            )
            if can_score
            else None
        ),
        "veto_form": bound.get("veto_form") or (VetoForm(system=round_.system_id) if can_score else None),
        "dossier_url": _url("dossier", evaluation.pk) if policies.sees_dossier(user, evaluation) else "",
        "round_url": _url("round", round_.pk) if policies.can_list(user) else "",
    }


@login_required
def evaluation_detail(request, pk):
    evaluation = selectors.evaluation_for(request.user, pk)
    return render(request, "evaluations/evaluation_detail.html", _context(request, evaluation))


def _detail_again(request, pk, **bound):
    fresh = selectors.evaluation_for(request.user, pk)
    return render(request, "evaluations/evaluation_detail.html", _context(request, fresh, **bound))


@login_required
def evaluation_scores(request, pk):
    evaluation = selectors.evaluation_for(request.user, pk)
    user = request.user
    guard(policies.is_round_evaluator(user, evaluation))
    rows = _scores(evaluation)
    decision = policies.can_score(user, evaluation)
    form = ScoresForm(request.POST or None, rows=rows, initial=ScoresForm.initial_of(evaluation, rows))

    def page(bound):
        return render(
            request,
            "evaluations/evaluation_scores.html",
            {
                "evaluation": evaluation,
                "round": evaluation.round,
                "center": evaluation.center,
                "form": bound,
                "rows": bound.bound_rows(),
                "can_score": bool(decision),
                "refusal": "" if decision or bound.is_bound else decision.reason,
            },
        )

    def run(data):
        try:
            return services.save_scores(user, evaluation, form.score_rows(), data.get("opinion", ""))
        except services.ScoresInvalid as exc:
            form.add_row_errors(exc.errors)
            raise DomainError(rows_to_correct(len(form.errors))) from exc

    return form_page(
        request,
        form=form,
        page=page,
        run=run,
        success=_("The scores are saved."),
        redirect_to=evaluation.get_absolute_url(),
        errors_on_form=True,
    )


def rows_to_correct(count: int) -> str:
    return _("Nothing was saved: %(count)s row(s) need correcting (see below).") % {"count": count}


@login_required
@require_POST
def evaluation_participation(request, pk):
    evaluation = selectors.evaluation_for(request.user, pk)
    user = request.user
    guard(policies.is_round_evaluator(user, evaluation))
    return post_action(
        request,
        form=ParticipationForm(request.POST),
        run=lambda data: services.set_participation(
            user,
            evaluation,
            participation=data["participation"],
            justified=data.get("justified", False),
            justification=data.get("justification", ""),
        ),
        success=_("The participation is recorded."),
        redirect_to=evaluation.get_absolute_url() + "#participation",
        render_again=lambda bound: _detail_again(request, pk, participation_form=bound),
    )


@login_required
@require_POST
@once
def evaluation_vetoes(request, pk):
    evaluation = selectors.evaluation_for(request.user, pk)
    user = request.user
    guard(policies.is_round_evaluator(user, evaluation))
    return post_action(
        request,
        form=VetoForm(request.POST, system=evaluation.round.system_id),
        run=lambda data: services.veto_record(user, evaluation, item=data["item"], finding=data["finding"]),
        success=_("The veto finding is recorded: the evaluation is graded unqualified."),
        redirect_to=evaluation.get_absolute_url() + "#vetoes",
        render_again=lambda bound: _detail_again(request, pk, veto_form=bound),
    )


@login_required
@require_POST
def evaluation_veto_remove(request, pk, finding_pk):
    evaluation = selectors.evaluation_for(request.user, pk)
    user = request.user
    guard(policies.is_round_evaluator(user, evaluation))
    return delete_action(
        request,
        find=lambda: VetoFinding.objects.filter(evaluation=evaluation, pk=finding_pk).first(),
        form=forms.Form(request.POST),
        run=lambda finding, data: services.veto_remove(user, finding),
        success=_("The veto finding is removed."),
        gone=_("This finding has been removed in the meantime."),
        redirect_to=evaluation.get_absolute_url() + "#vetoes",
    )


@login_required
@require_POST
def evaluation_refresh(request, pk):
    evaluation = selectors.evaluation_for(request.user, pk)
    guard(policies.is_round_evaluator(request.user, evaluation))
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: services.refresh(request.user, evaluation),
        success=_("The objective indicators are computed again from the platform's data."),
        redirect_to=evaluation.get_absolute_url(),
    )


@login_required
@require_POST
@once
def evaluation_act(request, pk, action):
    evaluation = selectors.evaluation_for(request.user, pk)
    if action not in OWN_ACTIONS:
        raise Http404(_("Unknown action."))
    user = request.user
    EVALUATION.guard(user, evaluation, action)
    run = {
        "submit": lambda data: services.submit(user, evaluation),
        "return": lambda data: services.return_(user, evaluation, data.get("reason", "")),
        "confirm": lambda data: services.confirm(user, evaluation),
    }[action]
    return post_action(
        request,
        form=ActForm(request.POST),
        run=run,
        success=str(SUCCESS[action]),
        redirect_to=evaluation.get_absolute_url(),
        render_again=lambda bound: _detail_again(request, pk, action_forms={action: bound}),
    )


# ---------------------------------------------------------------- evidence files


def _evidence_page(request, evaluation, owner, title):
    return render(
        request,
        "evaluations/evaluation_evidence.html",
        {
            "evaluation": evaluation,
            "round": evaluation.round,
            "center": evaluation.center,
            "owner": owner,
            "title": title,
        },
    )


@login_required
def score_evidence(request, pk, score_pk):
    evaluation = selectors.evaluation_for(request.user, pk)
    score = IndicatorScore.objects.filter(evaluation=evaluation, pk=score_pk).select_related("indicator").first()
    if score is None:
        raise Http404(_("The evaluation has no such score."))
    score.evaluation = evaluation
    return _evidence_page(request, evaluation, score, str(score.indicator))


@login_required
def veto_evidence(request, pk, finding_pk):
    evaluation = selectors.evaluation_for(request.user, pk)
    finding = VetoFinding.objects.filter(evaluation=evaluation, pk=finding_pk).select_related("item").first()
    if finding is None:
        raise Http404(_("The evaluation has no such finding."))
    finding.evaluation = evaluation
    return _evidence_page(request, evaluation, finding, str(finding.item))
