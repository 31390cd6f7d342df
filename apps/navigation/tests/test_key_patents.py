"""Key patents read the keys of the records ranked at or above the 20th only (`key_patents`, `Scoped.keyed`): by
position when few tie there, by a semi-join when many do. Both give the order of the rule: score, then citations,
then key (computed here in Python from the records written)."""

import pytest

from apps.navigation import analyses
from apps.navigation import scope as scopes
from apps.navigation.analyses import rules
from apps.navigation.tests.builders import center_of, dataset_with, record

CASES = {
    # 30 records, scores 0–6 repeated: the 20th place ties with a few others (read by position)
    "few ties": (30, lambda n: {"cited_by": n % 7}),
    # 130 records of score 0: every one ties at the 20th place (more than `keyed` lists: a semi-join)
    "many ties": (130, lambda n: {"cited_by": 0}),
    # 5 records ahead (a family abroad, citations), 125 tied behind them
    "a few ahead": (
        130,
        lambda n: {"cited_by": n, "family_size": 2, "overseas": True} if n % 26 == 0 else {"cited_by": 0},
    ),
}


def _score(values: dict) -> int:
    family = values.get("family_size", 1)
    return (
        values.get("cited_by", 0) * rules.CITATION_POINTS
        + (family - 1) * rules.FAMILY_MEMBER_POINTS
        + (rules.OVERSEAS_POINTS if values.get("overseas") else 0)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES)
def test_key_patents_are_ranked_by_score_citations_and_key_however_many_tie(world, case):
    count, values_of = CASES[case]
    rows = [record(n, **values_of(n)) for n in range(1, count + 1)]
    dataset = dataset_with(center_of(world), world.user("unit_admin"), rows)
    scope = scopes.parse({"ipc": "H01F"})
    expected = sorted(rows, key=lambda r: (-_score(r), -r.get("cited_by", 0), r["key"]))[: rules.TOP]

    found = analyses.run_all(dataset, scope)["key_patents"]

    assert [(p["key"], p["score"]) for p in found] == [(r["key"], float(_score(r))) for r in expected]
    assert [p["application_number"] for p in found] == [r["application_number"] for r in expected]
    assert analyses.one(dataset, scope, "key_patents") == found
