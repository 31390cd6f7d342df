"""Each source answers with the deadlines of the items the user may see — a unit its own centers', a prefecture
office its prefecture's, the region all, an evaluator its own rounds — each with the right state, and "overdue" read
from the business clock."""

import datetime

import pytest

from apps.agenda.deadlines import DONE, OPEN, Window
from apps.agenda.sources import collect
from apps.centers.models import Center, Inspection, LedgerEntry, Rectification
from apps.core import clock as business_clock

from . import builders

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _all(user, **window):
    today = business_clock.today()
    return collect(user, Window(today=today, **window))


def _uids(user, **window):
    return {d.uid for d in _all(user, **window)}


def test_a_unit_never_sees_another_units_deadlines_and_each_office_sees_only_its_prefecture(world):
    today = business_clock.today()
    mine = builders.running(world)
    theirs = builders.running(world, org=world.org_other)
    own = builders.rectification(world, mine, due=today + 10 * DAY)
    other = builders.rectification(world, theirs, due=today + 12 * DAY)
    own_uid, other_uid = f"rectification-{own.pk}", f"rectification-{other.pk}"

    assert own_uid in _uids(world.user("unit_admin")) and other_uid not in _uids(world.user("unit_admin"))
    assert other_uid in _uids(world.user("unit_admin_other")) and own_uid not in _uids(world.user("unit_admin_other"))
    assert own_uid in _uids(world.user("prefecture_officer"))
    assert other_uid not in _uids(world.user("prefecture_officer"))
    assert {own_uid, other_uid} <= _uids(world.user("regional_officer"))
    for outsider in ("expert", "evaluator", "system_admin", "audit_admin"):
        assert not _uids(world.user(outsider)), outsider


def test_the_centers_source_states_each_kind(world, clock):
    clock.set(datetime.date(2026, 6, 1))
    today = business_clock.today()
    center = builders.running(world)  # tranche 1 planned 400 days ago, tranche 2 35 days ago, nothing allocated
    LedgerEntry.objects.create(
        center=center,
        kind=LedgerEntry.Kind.ALLOCATION,
        amount="500000.00",
        occurred_on=today - 300 * DAY,
        year=(today - 300 * DAY).year,
        tranche_number=1,
        document_number="内财企〔2025〕1号",
        created_by=world.user("regional_officer"),
        created_at=business_clock.now(),
    )
    late = builders.rectification(world, center, due=today - 3 * DAY)
    closed = builders.rectification(world, center, due=today - 5 * DAY, status=Rectification.Status.COMPLETED)
    visit = builders.inspection(world, center, on=today - DAY)
    cancelled = builders.inspection(world, center, on=today + DAY, status=Inspection.Status.CANCELLED)
    found = {d.uid: d for d in _all(world.user("unit_admin"), start=today - 500 * DAY, end=today + 30 * DAY)}

    assert found[f"tranche-{center.pk}-1"].state == DONE  # fully allocated
    assert found[f"tranche-{center.pk}-2"].state == OPEN and found[f"tranche-{center.pk}-2"].overdue
    assert found[f"rectification-{late.pk}"].overdue
    assert found[f"rectification-{closed.pk}"].state == DONE and not found[f"rectification-{closed.pk}"].overdue
    assert found[f"inspection-{visit.pk}"].overdue
    assert f"inspection-{cancelled.pk}" not in found
    assert found[f"tranche-{center.pk}-2"].url == f"/centers/{center.pk}/funding/"
    assert found[f"rectification-{late.pk}"].prefecture_name == world.prefecture.name


def test_a_contract_is_due_for_signature_thirty_days_after_approval(world, clock):
    from apps.agenda import rules

    clock.set(datetime.date(2026, 3, 2))
    center = builders.contracting(world)  # approved today
    due = business_clock.today() + rules.CONTRACT_SIGNATURE_DAYS * DAY
    [signature] = [d for d in _all(world.user("regional_officer")) if d.kind == "contract_signature"]
    assert (signature.due, signature.state, signature.overdue) == (due, OPEN, False)
    clock.set(due + DAY)
    [signature] = [d for d in _all(world.user("unit_admin")) if d.kind == "contract_signature"]
    assert signature.overdue
    Center.objects.filter(pk=center.pk).update(status=Center.Status.UNDER_CONSTRUCTION)
    [signature] = [d for d in _all(world.user("unit_admin")) if d.kind == "contract_signature"]
    assert signature.state == DONE and not signature.overdue


def test_an_annual_report_is_open_until_first_submitted(world, clock):
    clock.set(datetime.date(2026, 2, 10))
    center = builders.running(world)
    late = builders.report(center, due=datetime.date(2026, 1, 31), year=2025)
    done = builders.report(center, due=datetime.date(2025, 1, 31), year=2024, submitted_on=datetime.date(2025, 1, 20))
    found = {d.uid: d for d in _all(world.user("prefecture_officer"), start=datetime.date(2025, 1, 1))}
    assert found[f"annual-report-{late.pk}"].overdue
    assert found[f"annual-report-{done.pk}"].state == DONE
    assert not {uid for uid in _uids(world.user("prefecture_officer_other")) if uid.startswith("annual-report")}


def test_the_recommendation_is_due_by_the_calls_deadline_for_the_prefecture_of_the_lead_unit(world):
    mine = builders.application(world)
    theirs = builders.application(world, org=world.org_other)
    found = {d.uid: d for d in _all(world.user("prefecture_officer"))}
    assert found[f"recommendation-{mine.pk}"].due == mine.call.recommendation_deadline
    assert found[f"recommendation-{mine.pk}"].state == OPEN
    assert f"recommendation-{theirs.pk}" not in found
    assert f"recommendation-{theirs.pk}" in _uids(world.user("unit_admin_other"))
    assert f"recommendation-{mine.pk}" not in _uids(world.user("unit_admin_other"))
    # the call's own closing day, for the units (published calls only)
    assert f"call-close-{mine.call_id}" in _uids(world.user("unit_member"))


def test_an_evaluator_sees_the_scoring_deadline_of_its_own_rounds_only(world):
    from apps.organizations.models import Organization
    from apps.organizations.tests.factories import OrganizationFactory

    today = business_clock.today()
    own = builders.round_(world, due=today + 30 * DAY)
    stranger = OrganizationFactory(name="另一评估机构", prefecture=world.prefecture, kind=Organization.Kind.EVALUATOR)
    other = builders.round_(world, due=today + 20 * DAY, evaluator=stranger)
    assert _uids(world.user("evaluator")) == {f"scoring-{own.pk}"}
    assert {f"scoring-{own.pk}", f"scoring-{other.pk}"} <= _uids(world.user("regional_officer"))
    assert not any(d.kind == "scoring" for d in _all(world.user("unit_admin")))


def test_an_assigned_task_is_due_for_the_office_it_was_issued_to(world, clock):
    today = business_clock.today()
    part = builders.task_part(world, deadline=today + 20 * DAY)
    uid = f"assigned-task-{part.pk}"
    assert uid in _uids(world.user("prefecture_officer")) and uid in _uids(world.user("regional_officer"))
    assert uid not in _uids(world.user("prefecture_officer_other")) and uid not in _uids(world.user("unit_admin"))
    clock.advance(days=21)
    [found] = [d for d in _all(world.user("prefecture_officer")) if d.uid == uid]
    assert found.overdue


def test_a_window_keeps_only_the_deadlines_due_within_it_and_open_only_drops_the_done(world):
    today = business_clock.today()
    center = builders.running(world)
    inside = builders.rectification(world, center, due=today + 5 * DAY)
    outside = builders.rectification(world, center, due=today + 50 * DAY)
    finished = builders.rectification(world, center, due=today + 6 * DAY, status=Rectification.Status.COMPLETED)
    uids = _uids(world.user("unit_admin"), start=today, end=today + 10 * DAY)
    assert f"rectification-{inside.pk}" in uids and f"rectification-{outside.pk}" not in uids
    assert f"rectification-{finished.pk}" in uids
    uids = _uids(world.user("unit_admin"), start=today, end=today + 10 * DAY, open_only=True)
    assert f"rectification-{finished.pk}" not in uids and f"rectification-{inside.pk}" in uids


def test_a_deactivated_user_has_no_deadlines(world):
    center = builders.running(world)
    builders.rectification(world, center, due=business_clock.today() + 5 * DAY)
    user = world.user("unit_admin")
    assert _uids(user)
    user.is_active = False
    assert not _uids(user)


def test_a_clawback_is_due_on_its_date_and_open_while_anything_is_still_owed(world, clock):
    clock.set(datetime.date(2026, 6, 1))
    today = business_clock.today()
    mine, theirs = builders.running(world), builders.running(world, org=world.org_other)
    owed = builders.clawback(world, mine, amount="100000.00", due=today - 3 * DAY)
    other = builders.clawback(world, theirs, amount="5000.00", due=today + 3 * DAY)
    builders.repayment(world, owed, amount="40000.00")
    found = {d.uid: d for d in _all(world.user("unit_admin"))}
    clawback = found[f"clawback-{owed.pk}"]
    assert (clawback.due, clawback.state, clawback.overdue) == (today - 3 * DAY, OPEN, True)
    assert "60,000.00" in clawback.title  # what is still owed, as every amount is written
    assert clawback.url == f"/centers/{mine.pk}/funding/entries/{owed.pk}/"
    assert f"clawback-{other.pk}" not in found  # another unit's center
    assert f"clawback-{other.pk}" not in _uids(world.user("prefecture_officer"))  # another prefecture's
    assert {f"clawback-{owed.pk}", f"clawback-{other.pk}"} <= _uids(world.user("regional_officer"))

    builders.repayment(world, owed, amount="60000.00")
    settled = {d.uid: d for d in _all(world.user("unit_admin"))}[f"clawback-{owed.pk}"]
    assert settled.state == DONE and not settled.overdue
    assert f"clawback-{owed.pk}" not in _uids(world.user("unit_admin"), open_only=True)


def test_the_construction_term_end_is_open_while_the_center_is_still_being_built(world, clock):
    clock.set(datetime.date(2026, 6, 1))
    today = business_clock.today()
    ended = builders.running(world, started_days_ago=3 * 365 + 10)  # the three-year term ended 10 days ago
    running = builders.running(world, org=world.org_other)  # started 400 days ago: ends in about two years
    found = {d.uid: d for d in _all(world.user("regional_officer"))}
    late = found[f"term-end-{ended.pk}"]
    assert (late.due, late.state, late.overdue) == (today - 10 * DAY, OPEN, True)
    assert late.url == f"/centers/{ended.pk}/contract/" and late.prefecture_name == world.prefecture.name
    assert not found[f"term-end-{running.pk}"].overdue
    assert f"term-end-{running.pk}" not in _uids(world.user("unit_admin"))

    Center.objects.filter(pk=ended.pk).update(status=Center.Status.ACCEPTED)
    accepted = {d.uid: d for d in _all(world.user("unit_admin"))}[f"term-end-{ended.pk}"]
    assert accepted.state == DONE and not accepted.overdue


def test_a_demand_collection_round_closes_for_the_region_the_offices_and_the_units_and_is_never_overdue(world, clock):
    from apps.demands.models import CollectionRound

    clock.set(datetime.date(2026, 6, 1))
    today = business_clock.today()
    collecting = builders.collection_round(closes=today + 10 * DAY)
    past = builders.collection_round(closes=today - 10 * DAY, title="上一轮")
    closed = builders.collection_round(closes=today + 5 * DAY, title="提前结束", status=CollectionRound.Status.CLOSED)
    by_role = {role: {d.uid: d for d in _all(world.user(role))} for role in ("regional_officer", "unit_admin")}
    region, unit = by_role["regional_officer"], by_role["unit_admin"]
    assert region[f"collection-close-{collecting.pk}"].state == OPEN
    assert region[f"collection-close-{collecting.pk}"].url == "/demands/rounds/"
    assert unit[f"collection-close-{collecting.pk}"].url == "/demands/mine/new/"
    assert f"collection-close-{collecting.pk}" in _uids(world.user("prefecture_officer"))
    assert region[f"collection-close-{past.pk}"].state == DONE and not region[f"collection-close-{past.pk}"].overdue
    assert region[f"collection-close-{closed.pk}"].state == DONE  # closed early by the bureau
    assert _uids(world.user("regional_officer"), open_only=True) >= {f"collection-close-{collecting.pk}"}
    assert f"collection-close-{closed.pk}" not in _uids(world.user("regional_officer"), open_only=True)
    for outsider in ("expert", "evaluator"):
        assert f"collection-close-{collecting.pk}" not in _uids(world.user(outsider)), outsider


def test_a_tranche_is_titled_with_its_amount_written_as_every_amount(world):
    center = builders.running(world)  # two tranches of 500,000 yuan
    titles = [d.title for d in _all(world.user("regional_officer")) if d.uid == f"tranche-{center.pk}-1"]
    assert len(titles) == 1 and "500,000.00" in titles[0]
