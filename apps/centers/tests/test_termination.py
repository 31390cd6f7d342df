"""Termination (终止, Art. 5(3); issue 15): requested by the lead unit via its prefecture office and decided by the
region, or decided by the region directly; on approval, in one transaction, the unspent allocated funds become one
clawback entry linked from the termination, the center is terminated, its open change requests are closed by the
system, and everyone concerned is told."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest

from apps.centers import changes, funding
from apps.centers.models import Center, CenterEvent, ChangeRequest, LedgerEntry, Termination
from apps.centers.workflow_changes import TERMINATION
from apps.core import clock
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message

from .changes_setup import allocate_and_spend, change_at, office, region, signed_center, termination_at, unit

pytestmark = pytest.mark.django_db
T = Termination.Status


def refused(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


def test_a_requested_termination_is_opined_then_approved_with_every_effect(world):
    center = signed_center(world, partner=world.org_other)
    allocate_and_spend(world, center, allocated="500000", spent={"专利导航": "120000.50"})
    open_change = change_at(world, center, "submitted")
    draft = change_at(world, center, "draft", kind=ChangeRequest.Kind.LEAD_PERSON)

    requested = changes.termination_request(unit(world), center, reasons="研发团队整体调离。")
    assert Message.objects.filter(recipient=office(world), is_task=True, url__contains="/termination/").exists()
    opined = changes.termination_opine(office(world), requested, opinion="同意终止。")
    assert Message.objects.filter(recipient=region(world), is_task=True, url__contains="/termination/").exists()
    approved = changes.termination_approve(region(world), opined, effective_on=clock.today(), reason="同意。")

    approved.refresh_from_db()
    assert approved.status == T.APPROVED and approved.effective_on == clock.today()
    clawback = approved.clawback
    assert clawback.kind == LedgerEntry.Kind.CLAWBACK and clawback.amount == Decimal("379999.50")
    assert funding.balance(center).available == Decimal("0")
    center.refresh_from_db()
    assert center.status == Center.Status.TERMINATED and center.ended_on == clock.today()
    for change in (open_change, draft):
        change.refresh_from_db()
        assert change.status == ChangeRequest.Status.WITHDRAWN
    closed = CenterEvent.objects.filter(center=center, action="change_withdrawn", actor__isnull=True)
    assert closed.count() == 2 and all(e.actor_label == "系统" for e in closed)
    assert Message.objects.filter(recipient=world.user("unit_admin_other"), title__contains="已终止").exists()
    assert Message.objects.filter(recipient=unit(world), title__contains="终止").exists()
    assert Message.objects.filter(recipient=unit(world), title__contains="379,999.50").exists()


def test_nothing_unspent_means_no_clawback(world):
    center = signed_center(world)
    approved = termination_at(world, center, "approved")
    assert approved.clawback is None
    assert not LedgerEntry.objects.filter(center=center, kind=LedgerEntry.Kind.CLAWBACK).exists()
    assert Center.objects.get(pk=center.pk).status == Center.Status.TERMINATED


def test_the_region_decides_directly(world):
    center = signed_center(world)
    allocate_and_spend(world, center, allocated="500000")
    decided = changes.termination_decide(
        region(world), center, reasons="连续两年未开展工作。", effective_on=clock.today()
    )
    assert decided.by_region and decided.status == T.APPROVED and decided.decision_reason == "连续两年未开展工作。"
    assert decided.clawback.amount == Decimal("500000.00")
    assert Center.objects.get(pk=center.pk).status == Center.Status.TERMINATED
    refused("ended", changes.termination_decide, region(world), center, reasons="再次", effective_on=clock.today())


def test_a_terminated_center_takes_no_more_changes_or_terminations(world):
    center = signed_center(world)
    termination_at(world, center, "decided")
    center.refresh_from_db()
    refused("state", changes.change_create, unit(world), center, kind="other", reasons="x", proposal={"text": "y"})
    refused("ended", changes.termination_request, unit(world), center, reasons="x")


def test_a_rejected_termination_changes_nothing(world):
    center = signed_center(world)
    allocate_and_spend(world, center, allocated="500000")
    rejected = termination_at(world, center, "rejected")
    assert rejected.status == T.REJECTED and rejected.decision_reason == "请继续建设。"
    assert Center.objects.get(pk=center.pk).status == Center.Status.UNDER_CONSTRUCTION
    assert not LedgerEntry.objects.filter(center=center, kind=LedgerEntry.Kind.CLAWBACK).exists()
    refused("reason", changes.termination_reject, region(world), termination_at(world, center, "opined"), reason=" ")


def test_one_open_termination_and_the_region_waits_for_the_units_request(world):
    center = signed_center(world)
    termination_at(world, center, "requested")
    error = refused("open_termination", changes.termination_request, unit(world), center, reasons="再次申请")
    assert "已有未办结的终止事项" in error.message
    refused(
        "open_termination", changes.termination_decide, region(world), center, reasons="x", effective_on=clock.today()
    )
    with mock.patch.object(changes, "open_termination", return_value=None):  # the database refuses it too
        refused("open_termination", changes.termination_request, unit(world), center, reasons="再次申请")


def test_the_effective_date_is_not_later_than_today(world):
    center = signed_center(world)
    opined = termination_at(world, center, "opined")
    error = refused(
        "effective_on",
        changes.termination_approve,
        region(world),
        opined,
        effective_on=clock.today() + timedelta(days=1),
    )
    assert "不能晚于今天" in error.message
    refused("date", changes.termination_approve, region(world), opined, effective_on=None)
    assert Termination.objects.get(pk=opined.pk).status == T.OPINED
    assert Center.objects.get(pk=center.pk).status == Center.Status.UNDER_CONSTRUCTION


def test_who_takes_each_step(world):
    center = signed_center(world, partner=world.org_other)
    for actor in ("unit_member", "unit_admin_other", "prefecture_officer", "regional_officer"):
        with pytest.raises(PermissionDenied):
            changes.termination_request(world.user(actor), center, reasons="x")
    for actor in ("unit_admin", "prefecture_officer"):
        with pytest.raises(PermissionDenied):
            changes.termination_decide(world.user(actor), center, reasons="x", effective_on=clock.today())
    requested = termination_at(world, center, "requested")
    for actor in ("prefecture_officer_other", "regional_officer", "unit_admin"):
        with pytest.raises(PermissionDenied):
            changes.termination_opine(world.user(actor), requested, opinion="同意")
    opined = changes.termination_opine(office(world), requested, opinion="同意")
    for actor in ("prefecture_officer", "unit_admin"):
        with pytest.raises(PermissionDenied):
            changes.termination_approve(world.user(actor), opined, effective_on=clock.today())
    with pytest.raises(PermissionDenied):
        changes.termination_withdraw(world.user("unit_admin_other"), opined)


def test_the_unit_withdraws_before_the_decision_only(world):
    center = signed_center(world)
    withdrawn = termination_at(world, center, "withdrawn")
    assert withdrawn.status == T.WITHDRAWN
    approved = termination_at(world, center, "approved")
    with pytest.raises(InvalidTransition):
        changes.termination_withdraw(unit(world), approved)


def test_the_table_states_every_rule():
    rows = {row["action"]: row for row in TERMINATION.rows()}
    assert set(rows) == {"opine", "approve", "decide", "reject", "withdraw"}
    assert rows["decide"]["requires_reason"] and rows["reject"]["requires_reason"]
