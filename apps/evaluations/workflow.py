"""The performance evaluation (Art. 15–17) as two tables.

Rounds (`ROUND`):

    draft ──open (scope, system of 100 points)──▶ open ──publish (every evaluation confirmed)──▶ notice
    notice ──announce (the notice period over, objections resolved)──▶ announced ──close (nothing pending)──▶ closed

The region prepares a round (period, scope, indicator system, the commissioned evaluator); opening it freezes the
system and gives the evaluator the centers in scope; publishing opens a public notice of the results on the portal
(objections); announcing publishes the results as an announcement, after which each result's consequence is
decided; a round closes once every consequence is settled.

Evaluations (`EVALUATION`), one per center and round (attempt 1) and a re-evaluation after rectifying (attempt 2):

    draft ──submit (the evaluator: every indicator scored)──▶ submitted ──confirm (the region)──▶ confirmed
       ▲                                                         │
       └──────────────────return (the region, reasons)───────────┘
    confirmed ──support (优秀 / 合格)──▶ supported                   (an allocation in the ledger, Art. 17(1))
    confirmed ──order_rectification (不合格)──▶ rectifying          (a rectification ≤ 6 months, Art. 17(2))
    rectifying ──rectified / rectification_failed (the system: the re-evaluation confirmed)──▶ …
    confirmed ──excuse (did not take part / complete, justified reason)──▶ excused
    confirmed ──delist (no justified reason, or still 不合格 after rectifying)──▶ delisted (Art. 17(3))

Views ask `.guard` / `.options`; services call `.apply`. Rendered in docs/workflows.md."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import clock
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role
from apps.core.text import shows_nothing
from apps.core.workflow import Notice, Transition, Workflow

from . import policies
from .models import Evaluation, EvaluationRound, IndicatorScore

R = EvaluationRound.Status
E = Evaluation.Status
G = Evaluation.Grade
P = Evaluation.Participation
REGION = (Role.REGIONAL_OFFICER,)


# ---------------------------------------------------------------- what must hold: rounds


def round_has_scope(round_) -> Decision:
    """At least one center is in the round's scope."""
    if round_.evaluations.exists():
        return ALLOW
    return deny(_("Add at least one center to the round before opening it."))


def system_totals_100(round_) -> Decision:
    """The round's indicator system has the five areas of Art. 16 and its weights total 100 points."""
    from .systems import check_complete

    problems = check_complete(round_.system)
    if problems:
        return deny(problems[0])
    return ALLOW


def evaluator_has_users(round_) -> Decision:
    """The commissioned evaluator organization has an active evaluator account."""
    if (
        get_user_model()
        .objects.filter(role=Role.EVALUATOR, organization_id=round_.evaluator_id, is_active=True)
        .exists()
    ):
        return ALLOW
    return deny(_("The evaluator organization has no active evaluator account yet: create one before opening."))


def every_evaluation_confirmed(round_) -> Decision:
    """Every center's evaluation has been confirmed by the region."""
    waiting = round_.evaluations.filter(attempt=1).exclude(status=E.CONFIRMED).count()
    if waiting:
        return deny(
            _("%(count)s evaluation(s) of the round are not confirmed yet: results are published together.")
            % {"count": waiting}
        )
    return ALLOW


def notice_over_and_objections_resolved(round_) -> Decision:
    """The public notice of the results has ended and every objection to it is resolved."""
    notice = round_.notice
    if notice is None:
        return deny(_("The results have not been put under public notice."))
    today = clock.today()
    if today <= notice.ends_on:
        return deny(
            _("The public notice runs until %(date)s; the results are announced after it.")
            % {"date": notice.ends_on.isoformat()},
            available_on=notice.ends_on + datetime.timedelta(days=1),
        )
    if notice.objections.filter(status="received").exists():
        return deny(_("Resolve every objection to the public notice before announcing the results."))
    return ALLOW


def nothing_pending(round_) -> Decision:
    """No result of the round awaits its consequence (support, rectification, re-evaluation, delisting)."""
    # A first evaluation still failing after rectification waits on its re-evaluation (confirmed 不合格 until the
    # delisting); a re-evaluation confirmed 优秀 / 合格 has had its consequence (the first one is rectified).
    pending = round_.evaluations.filter(
        Q(status__in=(E.DRAFT, E.SUBMITTED, E.RECTIFYING))
        | Q(status=E.CONFIRMED, attempt=1)
        | Q(status=E.CONFIRMED, attempt=2, grade=G.UNQUALIFIED)
        | Q(status=E.CONFIRMED, attempt=2, participation__in=(P.ABSENT, P.INCOMPLETE))
    ).count()
    if pending:
        return deny(
            _("%(count)s result(s) of the round still await their consequence: decide them before closing.")
            % {"count": pending}
        )
    return ALLOW


# ---------------------------------------------------------------- what must hold: evaluations


def scoring_open(evaluation) -> Decision:
    """The round is open for scoring (a re-evaluation: the round's results are announced)."""
    wanted = R.OPEN if evaluation.attempt == 1 else R.ANNOUNCED
    if evaluation.round.status == wanted:
        return ALLOW
    return deny(
        _("The round is “%(status)s”: this evaluation cannot be submitted now.")
        % {"status": evaluation.round.get_status_display()}
    )


def every_indicator_scored(evaluation) -> Decision:
    """Every indicator has points, a contested objective score has its written reason, a subjective score its
    comment (a center that did not take part or complete needs none)."""
    if evaluation.participation != P.TOOK_PART:
        return ALLOW
    scores = list(IndicatorScore.objects.filter(evaluation=evaluation).select_related("indicator"))
    if not scores:
        return deny(_("The evaluation has no indicators to score."))
    missing = [s.indicator.code for s in scores if s.points is None]
    if missing:
        return deny(_("Still to score: %(codes)s.") % {"codes": "、".join(missing)})
    uncommented = [s.indicator.code for s in scores if not s.indicator.is_objective and shows_nothing(s.comment)]
    if uncommented:
        return deny(
            _("Comment on each subjective score; still without a comment: %(codes)s.")
            % {"codes": "、".join(uncommented)}
        )
    unreasoned = [s.indicator.code for s in scores if s.contested and shows_nothing(s.contest_reason)]
    if unreasoned:
        return deny(
            _("An objective score differing from the platform's needs a written reason: %(codes)s.")
            % {"codes": "、".join(unreasoned)}
        )
    return ALLOW


def results_announced(evaluation) -> Decision:
    """The round's results have been announced (a consequence follows the announced result)."""
    if evaluation.attempt == 2 or evaluation.round.status == R.ANNOUNCED:
        return ALLOW
    return deny(_("Consequences are decided once the round's results are announced."))


def graded_excellent_or_qualified(evaluation) -> Decision:
    """Graded 优秀 or 合格 (Art. 17(1))."""
    if evaluation.attempt == 1 and evaluation.grade in (G.EXCELLENT, G.QUALIFIED):
        return ALLOW
    return deny(_("Funding support follows an excellent or qualified result (Art. 17(1))."))


def graded_unqualified(evaluation) -> Decision:
    """Graded 不合格 in the first evaluation (Art. 17(2))."""
    if evaluation.attempt == 1 and evaluation.took_part and evaluation.grade == G.UNQUALIFIED:
        return ALLOW
    return deny(_("A rectification follows an unqualified result of the round's evaluation (Art. 17(2))."))


def absent_with_justified_reason(evaluation) -> Decision:
    """Did not take part or complete, with a justified reason (Art. 17(3) a contrario)."""
    if not evaluation.took_part and evaluation.justified:
        return ALLOW
    return deny(_("Only a center that did not take part or complete with a justified reason is excused."))


def grounds_for_delisting(evaluation) -> Decision:
    """Did not take part or complete without a justified reason, or still 不合格 after rectification (Art. 17(3))."""
    if evaluation.attempt == 1 and not evaluation.took_part and not evaluation.justified:
        return results_announced(evaluation)
    if evaluation.attempt == 2 and (
        evaluation.grade == G.UNQUALIFIED or not (evaluation.took_part or evaluation.justified)
    ):
        return ALLOW
    return deny(
        _(
            "A center is delisted only if it did not take part in or complete the evaluation without a justified "
            "reason, or is still unqualified after rectification (Art. 17(3))."
        )
    )


# ---------------------------------------------------------------- whom it tells


def _users(**filters):
    return get_user_model().objects.filter(is_active=True, **filters)


def evaluators(obj):
    round_ = obj.round if isinstance(obj, Evaluation) else obj
    return _users(role=Role.EVALUATOR, organization_id=round_.evaluator_id)


def regional_officers(obj=None):
    return _users(role=Role.REGIONAL_OFFICER)


def unit_admins(evaluation):
    return _users(role=Role.UNIT_ADMIN, organization_id=evaluation.center.lead_unit_id)


def unit_and_prefecture(evaluation):
    return [
        *unit_admins(evaluation),
        *_users(role=Role.PREFECTURE_OFFICER, prefecture_id=evaluation.center.prefecture_id),
    ]


def _round_notice(recipients, title, *, task=False):
    return lambda round_: Notice(
        recipients(round_), title % {"title": round_.title}, round_.get_absolute_url(), is_task=task
    )


def _evaluation_notice(recipients, title, *, task=False):
    return lambda evaluation: Notice(
        recipients(evaluation),
        title % {"name": evaluation.center.name, "title": evaluation.round.title},
        evaluation.get_absolute_url(),
        is_task=task,
    )


ROUND = Workflow(
    "evaluation_round",
    EvaluationRound,
    [
        Transition(
            "open",
            (R.DRAFT,),
            R.OPEN,
            gettext_lazy("Open the round to the evaluator"),
            by=REGION,
            when=(round_has_scope, system_totals_100, evaluator_has_users),
            style="success",
            notify=_round_notice(
                evaluators, gettext_lazy("Evaluation round commissioned, please score: %(title)s"), task=True
            ),
        ),
        Transition(
            "publish",
            (R.OPEN,),
            R.NOTICE,
            gettext_lazy("Put the results under public notice"),
            by=REGION,
            when=(every_evaluation_confirmed,),
            style="success",
        ),
        Transition(
            "announce",
            (R.NOTICE,),
            R.ANNOUNCED,
            gettext_lazy("Announce the results"),
            by=REGION,
            when=(notice_over_and_objections_resolved,),
            style="success",
        ),
        Transition(
            "close",
            (R.ANNOUNCED,),
            R.CLOSED,
            gettext_lazy("Close the round"),
            by=REGION,
            when=(nothing_pending,),
            style="outline-secondary",
        ),
    ],
)

EVALUATION = Workflow(
    "evaluation",
    Evaluation,
    [
        Transition(
            "submit",
            (E.DRAFT,),
            E.SUBMITTED,
            gettext_lazy("Submit the scores to the region"),
            by=(Role.EVALUATOR,),
            actor=policies.is_round_evaluator,
            when=(scoring_open, every_indicator_scored),
            notify=_evaluation_notice(
                regional_officers,
                gettext_lazy("Evaluation submitted for confirmation: %(name)s (%(title)s)"),
                task=True,
            ),
        ),
        Transition(
            "return",
            (E.SUBMITTED,),
            E.DRAFT,
            gettext_lazy("Return to the evaluator"),
            by=REGION,
            requires_reason=True,
            style="outline-danger",
            notify=_evaluation_notice(
                evaluators, gettext_lazy("Evaluation returned for revision: %(name)s (%(title)s)"), task=True
            ),
        ),
        Transition(
            "confirm",
            (E.SUBMITTED,),
            E.CONFIRMED,
            gettext_lazy("Confirm the result"),
            by=REGION,
            style="success",
        ),
        Transition(
            "support",
            (E.CONFIRMED,),
            E.SUPPORTED,
            gettext_lazy("Decide the funding support"),
            by=REGION,
            when=(results_announced, graded_excellent_or_qualified),
            style="success",
            notify=_evaluation_notice(
                unit_and_prefecture, gettext_lazy("Funding support decided after the evaluation: %(name)s")
            ),
        ),
        Transition(
            "order_rectification",
            (E.CONFIRMED,),
            E.RECTIFYING,
            gettext_lazy("Order a rectification"),
            by=REGION,
            when=(results_announced, graded_unqualified),
            requires_reason=True,
            style="warning",
        ),
        Transition(
            "rectified",
            (E.RECTIFYING,),
            E.RECTIFIED,
            gettext_lazy("Rectified (re-evaluation qualified)"),
            by=REGION,
            system=True,
        ),
        Transition(
            "rectification_failed",
            (E.RECTIFYING,),
            E.RECTIFICATION_FAILED,
            gettext_lazy("Still unqualified after rectification"),
            by=REGION,
            system=True,
        ),
        Transition(
            "excuse",
            (E.CONFIRMED,),
            E.EXCUSED,
            gettext_lazy("Accept the justified reason"),
            by=REGION,
            when=(results_announced, absent_with_justified_reason),
            requires_reason=True,
            style="outline-secondary",
        ),
        Transition(
            "delist",
            (E.CONFIRMED,),
            E.DELISTED,
            gettext_lazy("Delist the center"),
            by=REGION,
            when=(grounds_for_delisting,),
            requires_reason=True,
            style="danger",
        ),
    ],
)
