"""Supervision services (Art. 5(4), 6(2), 17(2)): inspections, findings, rectification (≤ 6 months), acceptance."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from apps.audit.models import AuditEntry
from apps.centers import supervision
from apps.centers.models import Acceptance, Center, CenterEvent, Finding, Inspection, Rectification
from apps.centers.tests.supervision_setup import (
    acceptance_for,
    end_term_soon,
    finding_for,
    inspection_for,
    rectification_at,
    signed_center,
)
from apps.core import clock as business_clock
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message

pytestmark = pytest.mark.django_db
S = Center.Status
R = Rectification.Status


@pytest.fixture
def center(world):
    return signed_center(world)


def status_of(center):
    return Center.objects.values_list("status", flat=True).get(pk=center.pk)


# ---------------------------------------------------------------- inspections


def test_region_schedules_an_inspection_with_officers_of_the_prefecture(world, center):
    inspection = inspection_for(world, center)
    assert inspection.status == Inspection.Status.SCHEDULED
    assert list(inspection.officers.all()) == [world.user("prefecture_officer")]
    assert AuditEntry.objects.filter(action="inspection.schedule").exists()
    assert CenterEvent.objects.filter(center=center, action="inspection_schedule").exists()
    assert Message.objects.filter(recipient=world.user("prefecture_officer"), is_task=True).exists()
    assert Message.objects.filter(recipient=world.user("unit_admin"), title__contains=center.name).exists()


def test_only_officers_of_the_centers_prefecture_can_be_added(world, center):
    with pytest.raises(DomainError) as exc:
        inspection_for(world, center, officers=("prefecture_officer_other",))
    assert exc.value.code == "officers"
    assert not Inspection.objects.exists()


@pytest.mark.parametrize("actor", ["prefecture_officer", "unit_admin", "expert"])
def test_only_the_region_schedules(world, center, actor):
    with pytest.raises(PermissionDenied):
        supervision.inspection_schedule(
            world.user(actor), center, scheduled_on=business_clock.today(), scope="x", team="y"
        )
    assert not Inspection.objects.exists()


def test_an_inspection_date_in_the_past_is_refused(world, center):
    with pytest.raises(DomainError) as exc:
        inspection_for(world, center, on=business_clock.today() - datetime.timedelta(days=1))
    assert exc.value.code == "date_past"


def test_a_center_still_contracting_is_not_inspected(world):
    from apps.centers.tests.factories import center_for

    contracting = center_for(world)
    with pytest.raises(DomainError):
        inspection_for(world, contracting)
    assert not Inspection.objects.exists()


def test_a_finding_without_rectification_leaves_the_center_alone(world, center):
    finding = finding_for(world, inspection_for(world, center), by="prefecture_officer")
    assert not finding.requires_rectification
    assert status_of(center) == S.UNDER_CONSTRUCTION
    assert not Rectification.objects.exists()


def test_a_finding_requiring_rectification_opens_one_and_the_center_rectifies(world, center):
    finding = finding_for(world, inspection_for(world, center), rectify=True, by="prefecture_officer")
    rectification = Rectification.objects.get(finding=finding)
    assert rectification.source == Rectification.Source.INSPECTION
    assert rectification.starts_on == business_clock.today()
    assert rectification.status == R.OPEN
    assert status_of(center) == S.RECTIFYING
    assert Message.objects.filter(recipient=world.user("unit_admin"), is_task=True, url__contains="rectifications")
    # a second finding requiring rectification adds one, the center stays rectifying
    inspection = Inspection.objects.get()
    finding_for(world, inspection, rectify=True)
    assert Rectification.objects.filter(center=center).count() == 2
    assert status_of(center) == S.RECTIFYING


def test_a_due_date_beyond_six_months_is_refused_and_nothing_changes(world, center):
    inspection = inspection_for(world, center)
    today = business_clock.today()
    with pytest.raises(DomainError) as exc:
        supervision.finding_record(
            world.user("regional_officer"),
            inspection,
            text="经费支出凭证不全",
            requires_rectification=True,
            requirements="补齐凭证",
            due_on=today + relativedelta(months=7),
        )
    assert exc.value.code == "due_on_too_late"
    assert (today + relativedelta(months=6)).isoformat() in exc.value.message
    assert not Finding.objects.exists() and not Rectification.objects.exists()
    assert status_of(center) == S.UNDER_CONSTRUCTION


def test_six_calendar_months_is_the_last_day(world, center, clock):
    clock.set(datetime.date(2026, 8, 31))
    assert supervision.rectification_last_day(datetime.date(2026, 8, 31)) == datetime.date(2027, 2, 28)
    with pytest.raises(DomainError):
        supervision.check_due(datetime.date(2026, 8, 31), datetime.date(2027, 3, 1))
    with pytest.raises(DomainError):
        supervision.check_due(datetime.date(2026, 8, 31), datetime.date(2026, 8, 31))
    assert supervision.check_due(datetime.date(2026, 8, 31), datetime.date(2027, 2, 28))


def test_a_rectification_without_requirements_or_due_date_is_refused(world, center):
    inspection = inspection_for(world, center)
    for kwargs in ({"requirements": "", "due_on": business_clock.today()}, {"requirements": "补齐", "due_on": None}):
        with pytest.raises(DomainError):
            supervision.finding_record(
                world.user("regional_officer"), inspection, text="问题", requires_rectification=True, **kwargs
            )
    assert not Finding.objects.exists()


def test_a_prefecture_officer_not_added_records_no_finding(world, center):
    inspection = inspection_for(world, center, officers=())
    with pytest.raises(PermissionDenied):
        finding_for(world, inspection, by="prefecture_officer")
    with pytest.raises(PermissionDenied):
        finding_for(world, inspection, by="unit_admin")
    assert not Finding.objects.exists()


def test_findings_wait_for_the_inspection_date(world, center):
    inspection = inspection_for(world, center, on=business_clock.today() + datetime.timedelta(days=3))
    with pytest.raises(DomainError):
        finding_for(world, inspection)
    decision = supervision.finding_open(inspection)
    assert decision.available_on == inspection.scheduled_on


def test_complete_and_cancel(world, center):
    inspection = inspection_for(world, center)
    done = supervision.inspection_complete(world.user("regional_officer"), inspection, summary="总体良好。")
    assert done.status == Inspection.Status.COMPLETED and done.completed_on == business_clock.today()
    with pytest.raises(InvalidTransition):
        supervision.inspection_cancel(world.user("regional_officer"), done, reason="重复")
    with pytest.raises(DomainError):  # no more findings once completed
        finding_for(world, done)
    other = inspection_for(world, center)
    with pytest.raises(DomainError):
        supervision.inspection_cancel(world.user("regional_officer"), other, reason="")
    cancelled = supervision.inspection_cancel(world.user("regional_officer"), other, reason="检查组成员调整")
    assert cancelled.status == Inspection.Status.CANCELLED


def test_an_inspection_is_completed_by_the_region_only(world, center):
    inspection = inspection_for(world, center)
    with pytest.raises(PermissionDenied):
        supervision.inspection_complete(world.user("prefecture_officer"), inspection, summary="良好")
    assert Inspection.objects.get().status == Inspection.Status.SCHEDULED


# ---------------------------------------------------------------- rectification


def test_report_then_complete_brings_the_center_back(world, center):
    rectification = rectification_at(world, center, "reported")
    assert rectification.status == R.REPORTED and rectification.report
    assert Message.objects.filter(recipient=world.user("regional_officer"), is_task=True, url__contains="rect")
    done = supervision.rectification_conclude(
        world.user("regional_officer"), rectification, completed=True, conclusion=""
    )
    assert done.status == R.COMPLETED and done.closed_at
    assert status_of(center) == S.UNDER_CONSTRUCTION


def test_the_center_stays_rectifying_while_another_is_open(world, center):
    first = rectification_at(world, center, "reported")
    rectification_at(world, center, "open")
    supervision.rectification_conclude(world.user("regional_officer"), first, completed=True, conclusion="")
    assert status_of(center) == S.RECTIFYING


def test_a_failed_rectification_leaves_the_center_rectifying(world, center):
    rectification = rectification_at(world, center, "reported")
    with pytest.raises(DomainError):  # a reason is required
        supervision.rectification_conclude(
            world.user("regional_officer"), rectification, completed=False, conclusion=""
        )
    done = supervision.rectification_conclude(
        world.user("regional_officer"), rectification, completed=False, conclusion="凭证仍不全。"
    )
    assert done.status == R.FAILED
    assert status_of(center) == S.RECTIFYING


def test_an_open_rectification_fails_only_once_overdue(world, center, clock):
    rectification = rectification_at(world, center, "open")
    with pytest.raises(DomainError):
        supervision.rectification_conclude(
            world.user("regional_officer"), rectification, completed=False, conclusion="未整改"
        )
    assert not supervision.is_overdue(rectification)
    clock.set(rectification.due_on + datetime.timedelta(days=1))
    assert supervision.is_overdue(rectification)
    done = supervision.rectification_conclude(
        world.user("regional_officer"), rectification, completed=False, conclusion="逾期未整改"
    )
    assert done.status == R.FAILED


@pytest.mark.parametrize("actor", ["unit_member", "prefecture_officer", "regional_officer", "unit_admin_other"])
def test_only_the_lead_units_admin_reports(world, center, actor):
    rectification = rectification_at(world, center, "open")
    with pytest.raises(PermissionDenied):
        supervision.rectification_report(world.user(actor), rectification, report="已整改")
    assert Rectification.objects.get(pk=rectification.pk).status == R.OPEN


# ---------------------------------------------------------------- acceptance


def test_acceptance_not_before_the_last_90_days(world, center):
    # the term ends in three years: too early
    with pytest.raises(DomainError) as exc:
        supervision.acceptance_schedule(
            world.user("regional_officer"), center, scheduled_on=business_clock.today(), team="专家组"
        )
    assert exc.value.code == "too_early"
    ends_on = end_term_soon(center, days=120)
    with pytest.raises(DomainError):
        supervision.acceptance_schedule(
            world.user("regional_officer"), center, scheduled_on=business_clock.today(), team="专家组"
        )
    acceptance = supervision.acceptance_schedule(
        world.user("regional_officer"), center, scheduled_on=ends_on - datetime.timedelta(days=90), team="专家组"
    )
    assert acceptance.result == ""
    with pytest.raises(DomainError):  # one pending at a time
        supervision.acceptance_schedule(world.user("regional_officer"), center, scheduled_on=ends_on, team="专家组")


def test_acceptance_passed_accepts_the_center(world, center):
    acceptance = acceptance_for(world, center)
    decided = supervision.acceptance_decide(
        world.user("regional_officer"), acceptance, passed=True, opinion="各项指标完成。"
    )
    assert decided.result == Acceptance.Result.PASSED and decided.decided_on == business_clock.today()
    center.refresh_from_db()
    assert center.status == S.ACCEPTED
    assert center.name.startswith("内蒙古高价值专利培育中心")


def test_acceptance_failed_opens_a_rectification_then_acceptance_again(world, center):
    acceptance = acceptance_for(world, center)
    region = world.user("regional_officer")
    with pytest.raises(DomainError):  # failed needs the rectification's requirements and due date
        supervision.acceptance_decide(region, acceptance, passed=False, opinion="未完成指标")
    assert Acceptance.objects.get().result == ""
    decided = supervision.acceptance_decide(
        region,
        acceptance,
        passed=False,
        opinion="发明专利授权量未达标。",
        requirements="半年内完成指标",
        due_on=business_clock.today() + relativedelta(months=6),
    )
    assert decided.result == Acceptance.Result.FAILED
    assert status_of(center) == S.RECTIFYING
    rectification = Rectification.objects.get(acceptance=decided)
    assert rectification.source == Rectification.Source.ACCEPTANCE
    assert CenterEvent.objects.filter(center=center, status_to=S.ACCEPTANCE_FAILED).exists()
    reported = supervision.rectification_report(world.user("unit_admin"), rectification, report="已完成")
    supervision.rectification_conclude(region, reported, completed=True, conclusion="")
    assert status_of(center) == S.UNDER_CONSTRUCTION
    again = supervision.acceptance_schedule(region, center, scheduled_on=business_clock.today(), team="专家组")
    supervision.acceptance_decide(region, again, passed=True, opinion="整改后通过。")
    assert status_of(center) == S.ACCEPTED


def test_acceptance_result_waits_for_its_date_and_the_region(world, center):
    acceptance = acceptance_for(world, center, on=business_clock.today() + datetime.timedelta(days=5))
    with pytest.raises(DomainError):
        supervision.acceptance_decide(world.user("regional_officer"), acceptance, passed=True, opinion="通过")
    with pytest.raises(PermissionDenied):
        supervision.acceptance_decide(world.user("prefecture_officer"), acceptance, passed=True, opinion="通过")
    assert Acceptance.objects.get().result == ""
    assert status_of(center) == S.UNDER_CONSTRUCTION


def test_acceptance_only_for_a_center_under_construction(world, center):
    rectification_at(world, center, "open")
    end_term_soon(center)
    with pytest.raises(DomainError):
        supervision.acceptance_schedule(
            world.user("regional_officer"), center, scheduled_on=business_clock.today(), team="专家组"
        )


# ---------------------------------------------------------------- scoping


def test_records_are_scoped_by_the_center(world, center):
    rectification_at(world, center, "open")
    for actor in ("unit_admin", "unit_member", "prefecture_officer", "regional_officer"):
        user = world.user(actor)
        assert supervision.inspections_visible_to(user).count() == 1
        assert supervision.rectifications_visible_to(user).count() == 1
    for actor in ("prefecture_officer_other", "unit_admin_other", "expert", "system_admin"):
        user = world.user(actor)
        assert not supervision.inspections_visible_to(user).exists()
        assert not supervision.rectifications_visible_to(user).exists()
