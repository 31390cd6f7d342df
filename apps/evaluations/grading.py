"""The total and the grade of an evaluation (Art. 17: 优秀 / 合格 / 不合格), computed, never typed.

- total: the sum of the indicators' points given (`IndicatorScore.points`; an objective score not contested keeps
  the platform's points), a `Decimal` with two places, 0–100;
- grade: any veto finding → 不合格; a center that did not take part or did not complete → no grade from points
  (`Participation`, Art. 17(3)); otherwise total ≥ the round's `excellent_from` → 优秀, ≥ `qualified_from` → 合格,
  else 不合格 (defaults 85 / 60, `rules`)."""

from decimal import Decimal

from .models import Evaluation

G = Evaluation.Grade
ZERO = Decimal("0.00")


def total_of(scores) -> Decimal:
    """Σ points given over `scores` (IndicatorScore rows; a missing score counts 0)."""
    return sum((score.points or ZERO for score in scores), ZERO).quantize(Decimal("0.01"))


def grade_of(total: Decimal | None, *, vetoed: bool, took_part: bool, excellent_from, qualified_from) -> str:
    """'excellent' | 'qualified' | 'unqualified', or '' when the center did not take part or complete."""
    if not took_part:
        return ""
    if vetoed:
        return G.UNQUALIFIED
    total = total or ZERO
    if total >= excellent_from:
        return G.EXCELLENT
    if total >= qualified_from:
        return G.QUALIFIED
    return G.UNQUALIFIED


def missing(scores) -> list:
    """The indicators still without points (an evaluation is submitted only when none is missing)."""
    return [score.indicator for score in scores if score.points is None]
