from decimal import Decimal

import pytest

from apps.applications import scoring

D = Decimal


def test_with_five_or_more_scores_the_highest_and_lowest_are_dropped():
    assert scoring.aggregate([D("90"), D("80"), D("70"), D("60"), D("10")], trim_from=5) == D("70.00")
    assert scoring.aggregate([D("95"), D("90"), D("80"), D("70"), D("60"), D("0")], trim_from=5) == D("75.00")


def test_with_fewer_than_five_scores_it_is_the_plain_mean():
    assert scoring.aggregate([D("90"), D("80"), D("10"), D("60")], trim_from=5) == D("60.00")
    assert scoring.aggregate([D("77")], trim_from=5) == D("77.00")
    assert scoring.aggregate([], trim_from=5) is None


def test_the_trim_threshold_is_the_one_given():
    assert scoring.aggregate([D("90"), D("80"), D("10"), D("60")], trim_from=4) == D("70.00")
    assert scoring.aggregate([D("90"), D("80"), D("70"), D("60"), D("10")], trim_from=6) == D("62.00")


def test_aggregate_rounds_half_up_to_the_cent():
    assert scoring.aggregate([D("80"), D("80"), D("80.01")], trim_from=5) == D("80.00")
    assert scoring.aggregate([D("80.005")], trim_from=5) == D("80.01")


def test_weighted_total_uses_the_configured_weights(monkeypatch):
    monkeypatch.setattr(scoring, "REVIEW_CRITERIA", (("a", "A", 60), ("b", "B", 40)))
    assert scoring.weighted_total({"a": D("100"), "b": D("50")}) == D("80.00")
    with pytest.raises(ValueError):
        scoring.weighted_total({"a": D("100")})


def test_ranking_is_highest_first_with_ties_sharing_a_rank_and_flagged():
    rows = scoring.rank([("a", D("80")), ("b", D("90")), ("c", D("80")), ("d", D("70")), ("e", None)])
    assert [(r.key, r.rank, r.tied) for r in rows] == [
        ("b", 1, False),
        ("a", 2, True),
        ("c", 2, True),
        ("d", 4, False),
        ("e", None, False),
    ]


def test_scores_equal_to_the_cent_are_a_tie():
    rows = scoring.rank([("a", D("80.004")), ("b", D("80.001"))])
    assert all(r.tied and r.rank == 1 for r in rows)
