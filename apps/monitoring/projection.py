"""The projection of a KPI to the end of its contract year (issue 21, KPI early warning): a pure function over a
small series of dated values, tested on hand-made series without the database (tests/test_projection.py).

What it reads. A contract target (`ContractTarget`) is CUMULATIVE from the term's first day to the end of a contract
year (`patents.kpi`), so the series is the cumulative actual on dated checkpoints of the CURRENT contract year: for a
computed KPI the contract-month ends elapsed so far and the day of the computation (`assessment.assess`), for a
self-reported KPI the dates of the center's reports in that year (the latest report of a day counts).

The method — least squares, linear in time:

    x = days from the contract year's first day to the checkpoint, counted inclusively (the first day is x = 1)
    y = the cumulative value on that day
    y ≈ a + b·x   (ordinary least squares over the n points)
    projected = a + b·X, X = the number of days of the contract year (the value the trend reaches on its last day)

then, for a figure that cannot decrease (a count or sum from the term's first day: `monotone`), never below the value
already reached; never below zero; rounded half up to 0.01 (`rules.PLACES`).

When it does not project ("数据不足，暂不预测", NOT_ENOUGH_DATA): fewer than `rules.MIN_POINTS` (3) distinct dates
with a value, or less than `rules.MIN_ELAPSED_SHARE` (a quarter) of the year elapsed. One point, or three points of
the first fortnight, are not a trend.

What it says (`status`), in this order:
- NO_TARGET: the year has no target (nothing to compare);
- MET: the target is reached already (a target of zero is always met), whatever the trend;
- NOT_ENOUGH_DATA: as above;
- ON_TRACK: projected ≥ target;
- AT_RISK: `rules.HIGH_RISK_SHARE` (80 %) × target ≤ projected < target;
- HIGH_RISK: projected < 80 % of the target.

The linear trend is deliberately plain: for an accelerating series it projects less than the curve would (a warning
that a late burst lifts), for a decelerating one more; documented by the tests "accelerating" and "flat"."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from . import rules

NO_TARGET, MET, NOT_ENOUGH_DATA, ON_TRACK, AT_RISK, HIGH_RISK = (
    "no_target",
    "met",
    "not_enough_data",
    "on_track",
    "at_risk",
    "high_risk",
)
STATUS_LABELS = {
    NO_TARGET: _("No target this year"),
    MET: _("Target met"),
    NOT_ENOUGH_DATA: _("Not enough data to project yet"),
    ON_TRACK: _("On track"),
    AT_RISK: _("At risk"),
    HIGH_RISK: _("High risk"),
}
STATUS_CLASSES = {
    NO_TARGET: "text-bg-light",
    MET: "text-bg-success",
    NOT_ENOUGH_DATA: "text-bg-secondary",
    ON_TRACK: "text-bg-success",
    AT_RISK: "text-bg-warning",
    HIGH_RISK: "text-bg-danger",
}
RISKS = (AT_RISK, HIGH_RISK)  # the statuses behind a flag; HIGH_RISK is the worse


@dataclass(frozen=True)
class Projection:
    status: str
    target: Decimal | None
    actual: Decimal | None  # the value reached on the day of the computation (None: no data)
    projected: Decimal | None  # the trend's value on the year's last day (None: not projected)
    points: int  # distinct dated values the trend was (or would have been) fitted on
    elapsed_share: Decimal  # the share of the year elapsed, 0–1

    @property
    def at_risk(self) -> bool:
        return self.status in RISKS

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_class(self):
        return STATUS_CLASSES[self.status]


def rounded(value: Decimal) -> Decimal:
    """`value` rounded half up to `rules.PLACES` (0.01)."""
    return value.quantize(rules.PLACES, rounding=ROUND_HALF_UP)


def elapsed_share(starts_on: date, ends_on: date, as_of: date) -> Decimal:
    """The share of the year `starts_on`–`ends_on` (both included) elapsed at the end of `as_of`, between 0 and 1."""
    length = (ends_on - starts_on).days + 1
    done = min(max((as_of - starts_on).days + 1, 0), length)
    return Decimal(done) / Decimal(length)


def distinct_points(points) -> list[tuple[date, Decimal]]:
    """The series as the fit reads it: one value per date (the last given for a date wins), None values dropped,
    sorted by date."""
    found: dict[date, Decimal] = {}
    for day, value in points:
        if value is not None:
            found[day] = Decimal(value)
    return sorted(found.items())


def fit(points: list[tuple[int, Decimal]]) -> tuple[Decimal, Decimal]:
    """Ordinary least squares y = a + b·x over (x, y) points with at least two distinct x: returns (a, b)."""
    n = Decimal(len(points))
    sx = sum((Decimal(x) for x, _y in points), Decimal(0))
    sy = sum((y for _x, y in points), Decimal(0))
    sxx = sum((Decimal(x) * x for x, _y in points), Decimal(0))
    sxy = sum((Decimal(x) * y for x, y in points), Decimal(0))
    denominator = n * sxx - sx * sx
    if denominator == 0:
        raise ValueError("a line needs two distinct x")
    b = (n * sxy - sx * sy) / denominator
    a = (sy - b * sx) / n
    return a, b


def project(
    points,
    *,
    starts_on: date,
    ends_on: date,
    as_of: date,
    target: Decimal | None,
    actual: Decimal | None = None,
    monotone: bool = True,
) -> Projection:
    """The projection of one KPI to the year's last day `ends_on` from `points` [(date, cumulative value)] of the
    year `starts_on`–`ends_on`, computed on `as_of`; `actual` the value reached on `as_of` (default: the last
    point's). See the module's docstring for the method and the statuses."""
    series = [(day, value) for day, value in distinct_points(points) if starts_on <= day <= min(as_of, ends_on)]
    if actual is None and series:
        actual = series[-1][1]
    actual = rounded(Decimal(actual)) if actual is not None else None
    share = elapsed_share(starts_on, ends_on, as_of)
    target = Decimal(target) if target is not None else None

    def result(status, projected=None):
        return Projection(status, target, actual, projected, len(series), share)

    if target is None:
        return result(NO_TARGET)
    if target <= 0 or (actual is not None and actual >= target):
        return result(MET)
    if len(series) < rules.MIN_POINTS or share < rules.MIN_ELAPSED_SHARE:
        return result(NOT_ENOUGH_DATA)
    a, b = fit([((day - starts_on).days + 1, value) for day, value in series])
    projected = a + b * ((ends_on - starts_on).days + 1)
    if monotone and actual is not None:
        projected = max(projected, actual)
    projected = rounded(max(projected, Decimal(0)))
    if projected >= target:
        return result(ON_TRACK, projected)
    if projected >= target * rules.HIGH_RISK_SHARE:
        return result(AT_RISK, projected)
    return result(HIGH_RISK, projected)
