"""The check of `make soak` (issue 22, bench/soak.py): every write locust saw succeed is in the database exactly once.
The check must be able to fail: a lost write, a doubled write, a row that does not hold the last saved value, a
recommendation made twice or refused although nobody made it are each found. `stored_writes` is run against rows
and audit entries made here on PostgreSQL (it reads the trail with PostgreSQL's jsonb text)."""

from collections import Counter

import pytest

from bench.soak import check_writes, split_users, stored_writes


def expert(tag, target=7, ok=True):
    return {"kind": "expert", "target": target, "tag": tag, "ok": ok}


def unit(tag, target=40, ok=True):
    return {"kind": "unit", "target": target, "tag": tag, "ok": ok}


def officer(target, ok=True, lost_race=False):
    return {"kind": "officer", "target": target, "tag": "", "ok": ok, "lost_race": lost_race}


CLEAN = [expert("soak-eexpert001-1"), expert("soak-eexpert001-2"), unit("soak-uunit000001-1"), officer(90)]
CLEAN_STORED = Counter({"soak-eexpert001-1": 1, "soak-eexpert001-2": 1, "soak-uunit000001-1": 1})
CLEAN_FINAL = {("expert", 7): "soak-eexpert001-2", ("unit", 40): "soak-uunit000001-1"}


def test_a_clean_run_passes():
    result = check_writes(
        CLEAN + [officer(90, ok=False, lost_race=True)], CLEAN_STORED, CLEAN_FINAL, {90: (1, "recommended")}
    )
    assert result == {"checked": 4, "lost": [], "doubled": [], "unacknowledged": [], "ok": True}


def test_a_write_missing_from_the_trail_is_lost():
    stored = CLEAN_STORED - Counter({"soak-eexpert001-1": 1})
    result = check_writes(CLEAN, stored, CLEAN_FINAL, {90: (1, "recommended")})
    assert not result["ok"]
    assert result["lost"] == ["expert write soak-eexpert001-1 on #7 is not in the audit trail"]


def test_a_write_stored_twice_is_doubled():
    stored = CLEAN_STORED + Counter({"soak-uunit000001-1": 1})
    result = check_writes(CLEAN, stored, CLEAN_FINAL, {90: (1, "recommended")})
    assert not result["ok"]
    assert result["doubled"] == ["unit write soak-uunit000001-1 on #40 is there 2 times"]


def test_a_row_that_lost_its_last_save_is_found():
    final = {**CLEAN_FINAL, ("expert", 7): "soak-eexpert001-1"}  # the first save is in the row: the second is lost
    result = check_writes(CLEAN, CLEAN_STORED, final, {90: (1, "recommended")})
    assert result["lost"] == ["expert #7 holds soak-eexpert001-1, not the last saved soak-eexpert001-2"]


def test_recommendations_made_twice_or_not_at_all_are_found():
    twice = check_writes([officer(90), officer(90)], Counter(), {}, {90: (1, "recommended")})
    assert twice["doubled"] == ["application #90 recommended 2 times by locust, 1 in the trail"]
    trail_twice = check_writes([officer(90)], Counter(), {}, {90: (2, "recommended")})
    assert trail_twice["doubled"] == ["application #90 recommended 1 times by locust, 2 in the trail"]
    lost = check_writes([officer(91)], Counter(), {}, {})
    assert lost["lost"] == ["application #91: recommendation acknowledged, trail 0, state ?"]
    nobody = check_writes([officer(92, ok=False, lost_race=True)], Counter(), {}, {})
    assert nobody["lost"] == ["application #92: recommendation refused as a lost race, but nobody recommended it"]
    assert not (twice["ok"] or trail_twice["ok"] or lost["ok"] or nobody["ok"])


def test_a_refused_or_unseen_write_is_no_success_but_its_commit_is_reported():
    result = check_writes(
        [expert("soak-eexpert001-3", ok=False)], Counter({"soak-eexpert001-3": 1}), {}, {93: (1, "recommended")}
    )
    assert result["ok"] and result["checked"] == 0
    assert result["unacknowledged"] == [
        "soak-eexpert001-3 committed without a success seen by locust",
        "application #93 recommended without a success seen by locust",
    ]


def test_users_are_split_in_the_issues_proportions():
    assert split_users(100) == {"expert": 20, "officer": 10, "unit": 10, "read": 60}
    assert split_users(10) == {"expert": 2, "officer": 2, "unit": 1, "read": 5}  # officers in pairs
    assert sum(split_users(3).values()) == 3


@pytest.mark.postgres
@pytest.mark.django_db
def test_stored_writes_reads_the_trail_and_the_rows():
    from apps.applications.models import Application
    from apps.applications.tests.factories import ApplicationFactory
    from apps.audit import services as audit

    draft = ApplicationFactory(goals="建设目标（负载测试 soak-uunit1-2）")
    audit.record("application.update", draft, after={"goals": "建设目标（负载测试 soak-uunit1-1）"})
    audit.record("application.update", draft, after={"goals": "建设目标（负载测试 soak-uunit1-2）"})
    audit.record("application.update", draft, after={"goals": "建设目标（负载测试 soak-uunit1-2）"})  # doubled
    recommended = ApplicationFactory()
    Application.objects.filter(pk=recommended.pk).update(status=Application.Status.RECOMMENDED)
    audit.record("application.recommend", recommended)
    plan = {"expert": [], "unit": [{"targets": [draft.pk]}], "officer": [{"targets": [recommended.pk]}]}

    stored, final, states = stored_writes(plan)

    assert stored == Counter({"soak-uunit1-1": 1, "soak-uunit1-2": 2})
    assert final == {("unit", draft.pk): "soak-uunit1-2"}
    assert states == {recommended.pk: (1, "recommended")}
    writes = [unit("soak-uunit1-1", draft.pk), unit("soak-uunit1-2", draft.pk), officer(recommended.pk)]
    result = check_writes(writes, stored, final, states)
    assert result["doubled"] == [f"unit write soak-uunit1-2 on #{draft.pk} is there 2 times"]
    assert result["lost"] == [] and not result["ok"]
