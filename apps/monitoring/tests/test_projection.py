"""The projection (apps/monitoring/projection.py) on hand-made series, without the database: linear, flat,
accelerating, one point and two points (not enough data), early in the year, zero target, already met, no target, a
holding that falls (not monotone) and the floors (never below what is reached, never below zero).

The contract year is 2024-01-01 … 2024-12-31 (366 days); day x is 2024-01-01 + (x − 1) days, so the line fitted on
(x, y) is read at x = 366."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from apps.monitoring import projection, rules
from apps.monitoring.projection import (
    AT_RISK,
    HIGH_RISK,
    MET,
    NO_TARGET,
    NOT_ENOUGH_DATA,
    ON_TRACK,
    elapsed_share,
    fit,
    project,
)

START, END = date(2024, 1, 1), date(2024, 12, 31)


def day(x: int) -> date:
    return START + timedelta(days=x - 1)


def run(values: dict[int, str], *, target, as_of=None, monotone=True, actual=None):
    points = [(day(x), D(v)) for x, v in values.items()]
    return project(
        points,
        starts_on=START,
        ends_on=END,
        as_of=as_of or day(max(values) if values else 200),
        target=D(target) if target is not None else None,
        actual=D(actual) if actual is not None else None,
        monotone=monotone,
    )


# y = x / 61: 1, 2, 3 at days 61, 122, 183 → 366 / 61 = 6 on the year's last day
LINEAR = {61: "1", 122: "2", 183: "3"}


def test_a_linear_series_is_projected_along_its_line():
    found = run(LINEAR, target="6")
    assert found.projected == D("6.00")
    assert found.status == ON_TRACK
    assert found.actual == D("3.00") and found.points == 3


def test_linear_short_of_the_target_is_at_risk_and_below_80_percent_high_risk():
    assert run(LINEAR, target="7").status == AT_RISK  # 6 / 7 = 86 %
    assert run(LINEAR, target="7.5").status == AT_RISK  # 6 / 7.5 = 80 %: the band's edge is still "at risk"
    assert run(LINEAR, target="7.51").status == HIGH_RISK
    assert run(LINEAR, target="8").status == HIGH_RISK  # 75 %
    assert D("0.8") == rules.HIGH_RISK_SHARE


def test_a_flat_series_projects_what_is_reached():
    found = run({61: "2", 122: "2", 183: "2"}, target="5")
    assert found.projected == D("2.00")
    assert found.status == HIGH_RISK  # 40 % of the target


def test_an_accelerating_series_is_projected_by_its_straight_line_below_the_curve():
    # y = (x / 61)²: 1, 4, 9 → least squares b = 4/61, a = 14/3 − 8 = −10/3; at 366: −10/3 + 24 = 20.67 (the curve: 36)
    series = {61: "1", 122: "4", 183: "9"}
    a, b = fit([(x, D(v)) for x, v in series.items()])
    assert b == D(4) / D(61)
    assert abs(a - D(-10) / D(3)) < D("1e-20")
    found = run(series, target="21")
    assert found.projected == D("20.67") and found.projected < D("36")
    assert found.status == AT_RISK
    assert run(series, target="30").status == HIGH_RISK


def test_one_point_is_not_enough_data_however_late_in_the_year():
    found = run({300: "2"}, target="10", as_of=day(300))
    assert found.status == NOT_ENOUGH_DATA
    assert found.projected is None and found.actual == D("2.00") and found.points == 1


def test_two_points_are_not_enough_data():
    assert run({100: "1", 300: "2"}, target="10").status == NOT_ENOUGH_DATA


def test_three_points_before_a_quarter_of_the_year_are_not_enough_data():
    early = {10: "1", 20: "2", 30: "3"}
    assert elapsed_share(START, END, day(30)) < rules.MIN_ELAPSED_SHARE
    assert run(early, target="100", as_of=day(30)).status == NOT_ENOUGH_DATA
    # the same series read once a quarter of the year has passed is projected
    later = run(early, target="100", as_of=day(92))
    assert later.status == HIGH_RISK and later.projected is not None


def test_several_values_of_one_day_count_once_the_last_one_winning():
    points = [(day(61), D("1")), (day(61), D("1.5")), (day(122), D("2")), (day(122), None)]
    found = project(points, starts_on=START, ends_on=END, as_of=day(122), target=D("10"))
    assert found.points == 2 and found.status == NOT_ENOUGH_DATA and found.actual == D("2.00")


def test_points_outside_the_year_or_after_the_day_are_not_read():
    points = [(day(0), D("5")), (day(61), D("1")), (day(122), D("2")), (day(183), D("3")), (day(250), D("50"))]
    found = project(points, starts_on=START, ends_on=END, as_of=day(200), target=D("6"))
    assert found.points == 3 and found.projected == D("6.00")


def test_a_zero_target_is_met_even_without_data():
    assert run({}, target="0", as_of=day(200)).status == MET
    assert run(LINEAR, target="0").status == MET


def test_a_target_already_reached_is_met_whatever_the_trend():
    found = run({61: "5", 122: "5", 183: "5"}, target="5")
    assert found.status == MET and found.projected is None
    # reached today, with only one value: met, not "not enough data"
    assert run({200: "12"}, target="10").status == MET


def test_no_target_this_year_is_not_assessed():
    assert run(LINEAR, target=None).status == NO_TARGET


def test_a_cumulative_count_is_never_projected_below_what_is_reached():
    # the month-ends say nothing happened, but today's value says 9: the line (0) is floored at 9
    found = run({61: "0", 122: "0", 183: "0"}, target="20", actual="9", as_of=day(190))
    assert found.projected == D("9.00") and found.status == HIGH_RISK


def test_a_holding_that_falls_is_projected_falling_and_never_below_zero():
    falling = {61: "10", 122: "8", 183: "6"}  # −2 per 61 days: 10 − 2·(366 − 61)/61 = 0 at day 366
    kept = run(falling, target="8", monotone=True)
    assert kept.projected == D("6.00")  # a count cannot fall: floored at the value reached
    held = run(falling, target="8", monotone=False)
    assert held.projected == D("0.00") and held.status == HIGH_RISK
    steeper = run({61: "10", 122: "5", 183: "1"}, target="8", monotone=False)
    assert steeper.projected == D("0.00")


def test_the_projection_is_rounded_half_up_to_two_decimals():
    found = run({61: "1", 122: "1", 183: "2"}, target="100")
    # b = (3·Σxy − ΣxΣy)/(3·Σx² − (Σx)²) = 1/122, a = 4/3 − 1 = 1/3 → 1/3 + 3 = 3.3333… → 3.33
    assert found.projected == D("3.33")


@pytest.mark.parametrize(
    ("status", "label"),
    [(NOT_ENOUGH_DATA, "数据不足，暂不预测"), (AT_RISK, "有风险"), (HIGH_RISK, "高风险"), (ON_TRACK, "进度正常")],
)
def test_the_statuses_read_in_chinese(status, label):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert str(projection.STATUS_LABELS[status]) == label
