"""The numbers of the performance evaluation (Art. 15–17), each with its source.

Art. 17 fixes three grades and "rectification generally within half a year"; the thresholds, the default indicator
system's weights and the reminder days are the bureau's practice (issue 18), set per round or per system."""

from decimal import Decimal

from apps.centers.rules import RECTIFICATION_MAX_MONTHS  # Art. 17(2): at most six months (one place: centers)

TOTAL_POINTS = Decimal("100")  # the weights of a system's level-2 indicators add up to 100 points (issue 18)
EXCELLENT_FROM = Decimal("85")  # default: total ≥ 85 → 优秀 (issue 18; settable per round)
QUALIFIED_FROM = Decimal("60")  # default: total ≥ 60 → 合格, else 不合格 (issue 18; settable per round)
POINTS_MAX_DIGITS, POINTS_DECIMALS = 5, 2  # points are given to the hundredth
FEE_MAX = Decimal("99999999.99")  # the evaluator's fee, yuan
RECTIFICATION_REMINDER_DAYS = (30, 7, 1)  # reminders to the lead unit before a rectification's due date (issue 18)
TEXT_MAX = 4000  # a comment, a finding, a contest reason (characters)

__all__ = ["RECTIFICATION_MAX_MONTHS"]
