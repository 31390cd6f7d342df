"""`metrics.figures`: every metric for every window in one query per source gives the same figures as each metric
alone and as the hand count of `kpi_setup` (the terms of different metrics and windows never mix), and the
coverage figure is `assessment.coverage`'s."""

from datetime import date
from decimal import Decimal

import pytest

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.patents import assessment, metrics
from apps.patents.high_value import high_value_ids
from apps.patents.metrics import METRICS

from .kpi_setup import EXPECTED_2024, YEAR_2024, portfolio

pytestmark = pytest.mark.django_db
D = date
WINDOWS = [
    YEAR_2024,
    (D(2023, 1, 1), D(2023, 12, 31)),
    (D(2024, 1, 1), D(2025, 12, 31)),
    (D(2025, 1, 1), D(2025, 1, 5)),
    (D(2024, 12, 31), D(2024, 12, 31)),
    (D(2022, 1, 1), D(2022, 12, 31)),
    (D(2019, 1, 1), D(2024, 6, 1)),
]


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def made(world, center):
    return portfolio(center, world.user("unit_admin"))


def test_every_metric_at_once_in_one_query_per_source(center, made, django_assert_num_queries):
    # patents, events, the center's registers; the high-value settings (IPC list, threshold)
    with django_assert_num_queries(5):
        found = metrics.figures(center, list(METRICS), WINDOWS)
    assert {key: found[key][YEAR_2024] for key in METRICS} == EXPECTED_2024
    for key, metric in METRICS.items():
        alone = metric.many(center, WINDOWS)
        assert [found[key][w] for w in WINDOWS] == alone, key
        assert alone == [metric.many(center, [w])[0] for w in WINDOWS], key


def test_the_figures_of_other_windows_are_the_hand_counts(center, made):
    found = metrics.figures(center, list(METRICS), WINDOWS)
    cumulative = (D(2024, 1, 1), D(2025, 12, 31))
    assert found["invention_filings"][cumulative] == 3  # A, B and the one of 2025-01-01
    assert found["invention_grants"][cumulative] == 3
    assert found["grade_a"][(D(2025, 1, 1), D(2025, 1, 5))] == 3  # G3 graded A that day, G1 not yet down to B
    assert found["grade_a"][(D(2019, 1, 1), D(2024, 6, 1))] == 1  # G1 graded A that day
    assert found["licence_amount"][(D(2024, 12, 31), D(2024, 12, 31))] == Decimal("5.00005")
    assert found["assignment_amount"][cumulative] == Decimal("27")
    assert found["pledge_amount"][(D(2022, 1, 1), D(2022, 12, 31))] == Decimal("100")
    assert found["standards"][(D(2023, 1, 1), D(2023, 12, 31))] == 1
    assert found["alliances"][(D(2022, 1, 1), D(2022, 12, 31))] == 1
    assert found["assessment_coverage"][(D(2022, 1, 1), D(2022, 12, 31))] is None
    for window in WINDOWS:
        assert found["high_value"][window] == len(high_value_ids(center, window[1])), window


def test_coverage_is_the_assessment_parts_figure(center, made):
    found = metrics.figures(center, ["assessment_coverage"], WINDOWS)["assessment_coverage"]
    for window in WINDOWS:
        assert found[window] == assessment.coverage(center, *window).percent, window
    assert [p.pk for p in METRICS["assessment_coverage"].records(center, *YEAR_2024)] == [made["A"].pk]


def test_no_window_no_query(center, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert metrics.figures(center, list(METRICS), []) == {key: {} for key in METRICS}
