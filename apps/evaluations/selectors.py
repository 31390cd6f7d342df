"""Reads of performance evaluations, scoped by user (a record a user may not see does not exist for them: 404)."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from apps.core.roles import UNIT_ROLES, Role

from .models import Evaluation, EvaluationRound, IndicatorSystem
from .policies import EVALUATOR_ROUND_STATES, PUBLISHED_ROUND_STATES


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def rounds_visible_to(user) -> QuerySet[EvaluationRound]:
    qs = EvaluationRound.objects.select_related("system", "evaluator")
    if not _authenticated(user):
        return qs.none()
    if user.role == Role.REGIONAL_OFFICER:
        return qs
    if user.role == Role.EVALUATOR and user.organization_id:
        return qs.filter(evaluator_id=user.organization_id, status__in=EVALUATOR_ROUND_STATES)
    return qs.none()


def evaluator_q(user, prefix: str = "") -> Q:
    """The filter of what an evaluator sees, on Evaluation (prefix "") or on a model with a path to the center
    (e.g. prefix "center__evaluations__" from AnnualReport): the evaluations in the open rounds of their
    organization."""
    if not (_authenticated(user) and user.role == Role.EVALUATOR and user.organization_id):
        return Q(pk__in=[])
    return Q(
        **{
            f"{prefix}round__evaluator_id": user.organization_id,
            f"{prefix}round__status__in": EVALUATOR_ROUND_STATES,
        }
    )


def visible_to(user) -> QuerySet[Evaluation]:
    qs = Evaluation.objects.select_related(
        "round", "round__system", "round__evaluator", "center", "center__lead_unit", "center__prefecture"
    )
    if not _authenticated(user):
        return qs.none()
    if user.role == Role.REGIONAL_OFFICER:
        return qs
    if user.role == Role.EVALUATOR:
        return qs.filter(evaluator_q(user))
    published = Q(round__status__in=PUBLISHED_ROUND_STATES) & (
        Q(attempt=1)
        | Q(
            status__in=[
                Evaluation.Status.CONFIRMED,
                Evaluation.Status.RECTIFIED,
                Evaluation.Status.DELISTED,
            ]
        )
    )
    if user.role in UNIT_ROLES and user.organization_id:
        return qs.filter(published, center__lead_unit_id=user.organization_id)
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return qs.filter(published, center__prefecture_id=user.prefecture_id)
    return qs.none()


# A result counts once the region has confirmed its grade, whatever followed (support, rectification, delisting);
# the same states as the dashboards' grade chart (`apps.dashboards.selectors.GRADED`).
RESULT_STATES = (
    Evaluation.Status.CONFIRMED,
    Evaluation.Status.SUPPORTED,
    Evaluation.Status.RECTIFYING,
    Evaluation.Status.RECTIFIED,
    Evaluation.Status.RECTIFICATION_FAILED,
    Evaluation.Status.DELISTED,
)


def results_visible_to(user) -> QuerySet[Evaluation]:
    """The graded results `user` sees (`visible_to`): confirmed evaluations with a grade (first evaluations and
    re-evaluations), the round, the center, its lead unit and prefecture joined (one query a page)."""
    return visible_to(user).filter(status__in=RESULT_STATES).exclude(grade="")


def evaluation_for(user, pk) -> Evaluation:
    return get_object_or_404(visible_to(user), pk=pk)


def round_for(user, pk) -> EvaluationRound:
    return get_object_or_404(rounds_visible_to(user), pk=pk)


def systems() -> QuerySet[IndicatorSystem]:
    return IndicatorSystem.objects.all()


def evaluations_of_center(user, center) -> QuerySet[Evaluation]:
    return visible_to(user).filter(center=center).order_by("-round__period_end", "attempt")
