"""Every metric against the hand-counted portfolio of `kpi_setup` (records inside and outside the window 2024), the
records behind each figure, as-of recomputation (a later grant or grade does not change the past), units and
the binding suggestions."""

from datetime import date
from decimal import Decimal

import pytest

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.patents import metrics
from apps.patents.high_value import high_value_ids
from apps.patents.metrics import METRICS

from .kpi_setup import EXPECTED_2024, YEAR_2024, portfolio

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def made(world, center):
    return portfolio(center, world.user("unit_admin"))


def test_every_metric_is_in_the_fixture():
    assert set(EXPECTED_2024) == set(METRICS)
    for metric in METRICS.values():
        assert metric.kind in metrics.KINDS
        assert metric.unit in {"件", "项", "个", "万元", "%"}
        assert metric.record_type in {"patent", "event", "standard", "alliance"}
        assert str(metric.description)


def test_every_metric_over_2024_matches_the_hand_count(center, made):
    figures = {key: metric.compute(center, *YEAR_2024) for key, metric in METRICS.items()}
    assert figures == EXPECTED_2024


def test_the_records_are_what_each_figure_counts(center, made):
    for key, metric in METRICS.items():
        rows = list(metric.records(center, *YEAR_2024))
        if metric.is_money:
            total = sum((r.amount for r in rows), Decimal("0"))
            assert metrics.wan_yuan(total) == EXPECTED_2024[key], key
        elif metric.kind == metrics.RATIO:
            assert [r.pk for r in rows] == [made["A"].pk], key  # the assessed filings
        else:
            assert len(rows) == EXPECTED_2024[key], key


def test_many_windows_in_one_query(center, made, django_assert_num_queries):
    windows = [YEAR_2024, (D(2023, 1, 1), D(2023, 12, 31)), YEAR_2024, (D(2024, 1, 1), D(2025, 12, 31))]
    with django_assert_num_queries(1):
        figures = METRICS["invention_filings"].many(center, windows)
    assert figures == [Decimal("2"), Decimal("1"), Decimal("2"), Decimal("3")]
    with django_assert_num_queries(1):
        assert METRICS["licence_amount"].many(center, windows)[:2] == [Decimal("15.00005"), Decimal("0.0999")]
    with django_assert_num_queries(1):
        assert METRICS["grade_a"].many(center, windows) == [Decimal("2"), Decimal("0"), Decimal("2"), Decimal("2")]


def test_boundaries_are_both_included(center, made):
    filings = METRICS["invention_filings"]
    assert filings.compute(center, D(2024, 12, 31), D(2024, 12, 31)) == 1  # "B", the last day
    assert filings.compute(center, D(2024, 3, 1), D(2024, 3, 1)) == 1  # "A", the first day
    assert filings.compute(center, D(2024, 3, 2), D(2024, 12, 30)) == 0


def test_a_grant_after_the_date_does_not_count(center, made):
    grants = METRICS["invention_grants"]
    assert grants.compute(center, D(2024, 1, 1), D(2024, 9, 30)) == 1  # "A" granted 2024-10-01 not yet
    assert grants.compute(center, D(2024, 1, 1), D(2025, 2, 1)) == 3  # the 2025-02-01 grant now counts


def test_a_grade_changed_later_does_not_change_the_past(center, made):
    grade_a = METRICS["grade_a"]
    assert grade_a.compute(center, D(2024, 1, 1), D(2024, 12, 31)) == 2  # G1 (A since 06-01), G2 (A since 11-01)
    assert grade_a.compute(center, D(2024, 1, 1), D(2025, 1, 5)) == 3  # G3 graded A on 2025-01-05
    assert grade_a.compute(center, D(2024, 1, 1), D(2025, 2, 1)) == 2  # G1 down to B on 2025-01-10
    assert grade_a.compute(center, D(2024, 1, 1), D(2024, 5, 31)) == 0
    held = {p.pk for p in grade_a.records(center, D(2024, 1, 1), D(2024, 12, 31))}
    assert held == {made["G1"].pk, made["G2"].pk}


def test_high_value_is_a_stock_on_the_last_day(center, made):
    high_value = METRICS["high_value"]
    assert high_value.compute(center, D(2024, 1, 1), D(2024, 6, 1)) == 0  # "A" not granted yet
    assert high_value.compute(center, D(2024, 1, 1), D(2024, 12, 31)) == 1
    assert high_value.compute(center, D(2024, 1, 1), D(2024, 12, 31)) == len(high_value_ids(center, D(2024, 12, 31)))
    assert [p.pk for p in high_value.records(center, *YEAR_2024)] == [made["A"].pk]


def test_pct_counts_each_international_application_once(center, made):
    rows = list(METRICS["pct_applications"].records(center, *YEAR_2024))
    assert len(rows) == 1 and "PCT/CN2024/000001" in (rows[0].application_number, rows[0].pct_number)
    assert METRICS["pct_applications"].compute(center, D(2023, 1, 1), D(2024, 12, 31)) == 2


def test_alliances_active_on_one_day_of_the_window(center, made):
    alliances = METRICS["alliances"]
    assert alliances.compute(center, D(2024, 8, 2), D(2024, 12, 31)) == 1  # the pool was left on 08-01
    assert alliances.compute(center, D(2023, 12, 31), D(2023, 12, 31)) == 2  # the old one left that day
    assert alliances.compute(center, D(2025, 1, 1), D(2025, 12, 31)) == 2


def test_coverage_has_no_figure_without_filings(center, made):
    assert METRICS["assessment_coverage"].compute(center, D(2022, 1, 1), D(2022, 12, 31)) is None


def test_another_centers_records_do_not_count(world, center, made):
    other = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    for key, metric in METRICS.items():
        figure = metric.compute(other, *YEAR_2024)
        assert figure in (Decimal("0"), None), key
        assert not metric.records(other, *YEAR_2024).exists(), key


# ---------------------------------------------------------------- units and suggestions


def test_money_converts_exactly():
    assert metrics.convert(Decimal("12.5"), "万元", "元") == Decimal("125000")
    assert metrics.convert(Decimal("125000"), "元", "万元") == Decimal("12.5")
    assert metrics.convert(Decimal("15.00005"), "万元", "元") == Decimal("150000.5")
    assert metrics.convert(Decimal("3"), "件", "项") == Decimal("3")
    assert metrics.convert(None, "万元", "元") is None
    with pytest.raises(ValueError):
        metrics.convert(Decimal("1"), "件", "万元")
    assert metrics.wan_yuan(Decimal("1234567.89")) == Decimal("123.456789")


def test_compatible_units():
    assert metrics.compatible("件", "项") and metrics.compatible("万元", "元") and metrics.compatible("%", "％")
    assert not metrics.compatible("件", "万元")
    assert not metrics.compatible("件", "株")


@pytest.mark.parametrize(
    ("name", "unit", "expected"),
    [
        ("发明专利申请量", "件", "invention_filings"),
        ("发明专利授权量", "件", "invention_grants"),
        ("PCT国际专利申请量", "件", "pct_applications"),
        ("海外专利申请", "件", "overseas_filings"),
        ("高价值发明专利拥有量", "件", "high_value"),
        ("A级核心专利", "件", "grade_a"),
        ("专利许可、转让", "项", "licences_and_assignments"),
        ("专利许可收入", "万元", "licence_amount"),
        ("专利转让", "项", "assignments"),
        ("专利质押融资额", "万元", "pledge_amount"),
        ("参与制定标准", "项", "standards"),
        ("组建产业知识产权联盟", "个", "alliances"),
        ("专利申请前评估覆盖率", "%", "assessment_coverage"),
        ("自主知识产权菌种", "株", ""),
        ("专利质押融资额", "件", ""),  # a name that fits, in a unit that does not
    ],
)
def test_suggestions_by_name_and_unit(name, unit, expected):
    assert metrics.suggest(name, unit) == expected
