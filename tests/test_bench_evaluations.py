"""The benchmark's evaluations (bench/generators/evaluations.py, issues 14 and 18): at a small size on SQLite one round
a year with every center under construction in it, each stored grade what `apps.evaluations.grading` gives for the
stored scores, supports with their ledger allocation beyond the tranches, rectified results with their
rectification and a qualified re-evaluation, the pages the bench measures open, and the same seed gives the same
rows."""

import pytest
from django.db import transaction
from django.urls import reverse

from apps.accounts.models import User
from apps.centers.models import LedgerEntry
from apps.evaluations import grading
from apps.evaluations.models import Evaluation, EvaluationRound, IndicatorScore, SupportDecision
from bench.generate import generate
from tests.world import login

N = 60
E = Evaluation.Status


@pytest.fixture
def generated(db):
    return generate(N, seed=7)


def test_rounds_and_results_keep_the_rules(generated):
    rounds = list(EvaluationRound.objects.order_by("period_end"))
    assert rounds and rounds[-1].status == EvaluationRound.Status.ANNOUNCED
    assert all(r.status == EvaluationRound.Status.CLOSED for r in rounds[:-1])
    assert generated["evaluations"] == Evaluation.objects.count()
    for evaluation in Evaluation.objects.select_related("round"):
        evaluation.full_clean()
        scores = list(IndicatorScore.objects.filter(evaluation=evaluation))
        assert len(scores) == 12
        assert evaluation.total == grading.total_of(scores)
        assert evaluation.grade == grading.grade_of(
            evaluation.total,
            vetoed=False,
            took_part=True,
            excellent_from=evaluation.round.excellent_from,
            qualified_from=evaluation.round.qualified_from,
        )
        if evaluation.status == E.SUPPORTED:
            support = SupportDecision.objects.select_related("ledger_entry").get(evaluation=evaluation)
            assert support.ledger_entry.tranche_number == 0 and support.ledger_entry.amount == support.amount
            assert support.ledger_entry.kind == LedgerEntry.Kind.ALLOCATION
        if evaluation.status == E.RECTIFIED:
            assert evaluation.grade == Evaluation.Grade.UNQUALIFIED
            assert evaluation.rectification.status == "completed"
            assert evaluation.reevaluation.grade == Evaluation.Grade.QUALIFIED


def test_the_pages_the_bench_measures_open(generated, client):
    login(client, User.objects.get(username=generated["regional"]))
    evaluation = generated["evaluation_detail"]
    for path in (
        reverse("evaluations:round", args=[generated["evaluation_round"]]),
        reverse("evaluations:detail", args=[evaluation]),
        reverse("evaluations:dossier", args=[evaluation]),
    ):
        assert client.get(path).status_code == 200, path


def _fingerprint() -> list:
    return sorted(Evaluation.objects.values_list("center__name", "round__title", "attempt", "status", "total"))


def _generate_and_roll_back(seed: int) -> list:
    with transaction.atomic():
        generate(N, seed=seed)
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return fingerprint


def test_the_same_seed_gives_the_same_evaluations(db):
    assert _generate_and_roll_back(2026) == _generate_and_roll_back(2026)
