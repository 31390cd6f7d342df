"""The performance evaluations' menu entries (apps/core/navigation.py) and home-page panels (apps/core/workbench.py):

- the region: "绩效评价" (the rounds) and the indicator systems; panels: evaluations submitted by the evaluator and
  awaiting confirmation (待确认), and results awaiting their consequence (confirmed in an announced round, or
  rectifying with the rectification reported or overdue);
- an evaluator: "绩效评价" (their organization's rounds); panel: evaluations still to score in their open rounds
  (待评分).

The panels are one query per role (at most `PANEL_ROWS` + 1 rows), so the home page stays within its query budget."""

from django.db.models import Case, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from apps.core import clock, workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import Role

register(
    NavItem(
        _("Performance evaluations"),
        "evaluations:list",
        frozenset({Role.REGIONAL_OFFICER, Role.EVALUATOR}),
        "clipboard2-check",
        48,
        group="supervision",
    ),
    NavItem(
        _("Indicator systems"),
        "evaluations:systems",
        frozenset({Role.REGIONAL_OFFICER}),
        "diagram-3",
        89,
        group="supervision",
    ),
)

PANEL_ROWS = 5
# What a panel's row reads: `_rows`, `_pending_value`, `_url`.
PANEL_FIELDS = ("id", "round_id", "center_id", "status", "grade", "participation", "center__name", "round__title")


def _url(evaluation) -> str:
    try:
        return evaluation.get_absolute_url()
    except NoReverseMatch:  # the scoring part's page not mounted: the round's page
        return reverse("evaluations:round", args=[evaluation.round_id])


def _rows(evaluations, value, more_label) -> list:
    rows = [(f"{e.center.name} · {e.round.title}", value(e), _url(e)) for e in evaluations[:PANEL_ROWS]]
    if len(evaluations) > PANEL_ROWS:
        rows.append((more_label, "…", reverse("evaluations:list")))
    return rows


def _pending_value(evaluation) -> str:
    if evaluation.status == evaluation.Status.RECTIFYING:
        return str(evaluation.get_status_display())
    return str(evaluation.get_grade_display() or evaluation.get_participation_display())


def awaiting_consequence_q(today) -> Q:
    """Results the region must act on (as `workflow.nothing_pending` counts them): confirmed in an announced round (a
    first evaluation, or a re-evaluation still 不合格 or not completed: delisting), or rectifying with the
    rectification reported or past its due date."""
    from .models import Evaluation, EvaluationRound

    E = Evaluation.Status
    P = Evaluation.Participation
    confirmed = Q(status=E.CONFIRMED, round__status=EvaluationRound.Status.ANNOUNCED) & (
        Q(attempt=1) | Q(grade=Evaluation.Grade.UNQUALIFIED) | Q(participation__in=(P.ABSENT, P.INCOMPLETE))
    )
    rectifying = Q(status=E.RECTIFYING) & (
        Q(rectification__status="reported") | Q(rectification__status="open", rectification__due_on__lt=today)
    )
    return confirmed | rectifying


def _panels(request):
    from .models import Evaluation
    from .selectors import visible_to

    user = request.user
    if not user.is_authenticated:
        return []
    E = Evaluation.Status
    more = _("All evaluation rounds")
    if user.role == Role.EVALUATOR:
        drafts = list(
            visible_to(user)
            .filter(status=E.DRAFT)
            .order_by("round__scoring_due_on", "center__name", "id")[: PANEL_ROWS + 1]
        )
        if not drafts:
            return []
        due = _("due %(date)s")
        return [
            workbench.Panel(
                _("Evaluations to score"),
                _rows(drafts, lambda e: due % {"date": e.round.scoring_due_on.isoformat()}, more),
            )
        ]
    if user.role != Role.REGIONAL_OFFICER:
        return []
    # one query for both panels: the rows of each group numbered, the first PANEL_ROWS + 1 of each kept
    group = Case(When(status=E.SUBMITTED, then=Value(0)), default=Value(1), output_field=IntegerField())
    rows = list(
        visible_to(user)
        .select_related(None)  # only what a row shows: compiling six joined tables' columns cost more than running it
        .select_related("center", "round")
        .only(*PANEL_FIELDS)
        .filter(Q(status=E.SUBMITTED) | awaiting_consequence_q(clock.today()))
        .annotate(
            panel=group,
            rank=Window(RowNumber(), partition_by=[group], order_by=["round__period_end", "center__name", "id"]),
        )
        .filter(rank__lte=PANEL_ROWS + 1)
        .order_by("panel", "rank")
    )
    submitted = [e for e in rows if e.panel == 0]
    pending = [e for e in rows if e.panel == 1]
    panels = []
    if submitted:
        panels.append(
            workbench.Panel(
                _("Evaluations awaiting confirmation"),
                _rows(submitted, lambda e: e.get_grade_display() or e.get_participation_display(), more),
            )
        )
    if pending:
        panels.append(workbench.Panel(_("Results awaiting their consequence"), _rows(pending, _pending_value, more)))
    return panels


workbench.register(_panels)
