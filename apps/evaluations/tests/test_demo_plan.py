"""`demo.plan`: the points an evaluator types to reach a total (the demo's and the browser walk's scoring) — the
platform's objective points kept unless the subjective ones cannot make up the difference, then contested with a
reason; the total reached to the cent and every score within its range."""

from decimal import Decimal

import pytest

from apps.evaluations import demo
from apps.evaluations.models import IndicatorScore
from apps.evaluations.tests import builders

pytestmark = pytest.mark.django_db


def _scores(world, platform: str):
    """An evaluation's rows, every objective one given `platform` × its maximum by the platform."""
    evaluation = builders.evaluation(world)
    rows = list(IndicatorScore.objects.filter(evaluation=evaluation).select_related("indicator"))
    for row in rows:
        if row.indicator.is_objective:
            row.platform_points = (row.max_points * Decimal(platform)).quantize(Decimal("0.01"))
            row.save()
    return rows


def _check(rows, planned, total):
    assert set(planned) == {r.indicator_id for r in rows}
    given = {r.indicator_id: Decimal(planned[r.indicator_id]["points"]) for r in rows}
    assert sum(given.values()) == total
    assert all(Decimal("0") <= given[r.indicator_id] <= r.max_points for r in rows)
    return given


@pytest.mark.parametrize("total", ["90.50", "74.00", "48.50", "60.00"])
def test_the_subjective_scores_make_up_the_total_and_the_platforms_are_kept(world, total):
    rows = _scores(world, "0.8")  # objective: 32 of 40 points, subjective at most 60
    planned = demo.plan(rows, Decimal(total))
    _check(rows, planned, Decimal(total))
    for row in rows:
        if row.indicator.is_objective:
            assert Decimal(planned[row.indicator_id]["points"]) == row.platform_points
            assert planned[row.indicator_id]["contest_reason"] == ""


def test_an_objective_score_is_contested_with_a_reason_only_when_needed(world):
    rows = _scores(world, "0")  # objective: 0 of 40; subjective at most 60
    planned = demo.plan(rows, Decimal("90.00"), reason="现场核查")
    given = _check(rows, planned, Decimal("90.00"))
    contested = [r for r in rows if r.indicator.is_objective and given[r.indicator_id] != r.platform_points]
    assert contested and all(planned[r.indicator_id]["contest_reason"] == "现场核查" for r in contested)

    rows = _scores(world, "1")  # objective: 40 of 40; a total of 20 needs them lowered
    planned = demo.plan(rows, Decimal("20.00"))
    given = _check(rows, planned, Decimal("20.00"))
    assert all(given[r.indicator_id] == 0 for r in rows if not r.indicator.is_objective)
    assert any(planned[r.indicator_id]["contest_reason"] for r in rows if r.indicator.is_objective)
