"""The score rows of an evaluation and the platform's points of its objective indicators (Art. 16), shared by the
round's opening, the evaluator's refresh and the re-evaluation after rectifying."""

from decimal import Decimal

from . import objective
from .models import EvaluationIndicator, IndicatorScore

HUNDREDTH = Decimal("0.01")


def platform_points(indicator, evaluation) -> tuple[Decimal | None, dict]:
    """(points within [0, max], basis) of an objective indicator over the round's period (`objective.compute`)."""
    round_ = evaluation.round
    result = objective.compute(indicator, evaluation.center, round_.period_start, round_.period_end)
    points = result.points
    if points is not None:
        points = min(max(Decimal(points), Decimal("0")), indicator.max_points).quantize(HUNDREDTH)
    return points, dict(result.basis or {})


def prefill(evaluation, *, objective_only: bool = False) -> list[IndicatorScore]:
    """Create the missing score rows of every indicator of the round's system (max points copied) and fill the
    objective ones from the platform's data over the round's period. A contested objective score (the evaluator
    gave other points with a written reason) keeps its points and reason; the others follow the platform's.
    `objective_only`: leave the subjective rows as they are (a refresh). Returns the rows in order."""
    existing = {s.indicator_id: s for s in IndicatorScore.objects.filter(evaluation=evaluation)}
    indicators = EvaluationIndicator.objects.filter(system_id=evaluation.round.system_id).select_related("area")
    rows = []
    for indicator in indicators:
        score = existing.get(indicator.pk)
        if score is None:
            score = IndicatorScore(evaluation=evaluation, indicator=indicator, max_points=indicator.max_points)
        elif objective_only and not indicator.is_objective:
            rows.append(score)
            continue
        if indicator.is_objective:
            contested = bool(score.contest_reason.strip()) and score.points is not None
            score.platform_points, score.basis = platform_points(indicator, evaluation)
            if not contested:
                score.points = score.platform_points
                score.contest_reason = ""
        score.save()
        rows.append(score)
    return rows
