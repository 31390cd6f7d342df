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
