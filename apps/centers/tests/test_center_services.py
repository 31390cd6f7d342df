"""The center's status (`workflow.CENTER`): every transition, who may take it (per role), what must hold, and what it
writes (state, audit, timeline, notices); scoping of `selectors.visible_to`."""

import datetime

import pytest

from apps.audit.models import AuditEntry
from apps.centers import delisting, events, selectors, services
from apps.centers.models import (
    Center,
    CenterEvent,
    CenterPartner,
    Contract,
    ContractVersion,
    Rectification,
    Termination,
)
from apps.centers.tests.factories import center_for
from apps.centers.workflow import CENTER
from apps.core import clock
from apps.core.errors import ConcurrentChange, DomainError, InvalidTransition, PermissionDenied
from apps.core.policy import ALLOW, deny
from apps.notifications.models import Message

pytestmark = pytest.mark.django_db
S = Center.Status
NOT_REGION = ("unit_admin", "unit_member", "prefecture_officer", "expert", "evaluator", "system_admin")


def _contract_in_force(center, world):
    contract = Contract.objects.create(center=center, number=f"NMG-HT-{center.pk}")
    version = ContractVersion.objects.create(
        contract=contract,
        number=1,
        status=ContractVersion.Status.IN_FORCE,
        term_starts_on=clock.today(),
        term_ends_on=clock.today() + datetime.timedelta(days=3 * 365),
        signed_on=clock.today(),
        in_force_from=clock.today(),
        created_by=world.user("regional_officer"),
    )
    Contract.objects.filter(pk=contract.pk).update(current_version=version)
    return version


def _last_event(center) -> CenterEvent:
    return CenterEvent.objects.filter(center=center).order_by("-created_at", "-id").first()


# ---------------------------------------------------------------- start construction (contract in force)


def test_construction_starts_only_once_the_contract_is_in_force(world):
    center = center_for(world)
    with pytest.raises(DomainError) as exc:
        services.center_start_construction(center)
    assert exc.value.code == "condition" and "建设合同书" in exc.value.message
    center.refresh_from_db()
    assert center.status == S.CONTRACTING
    _contract_in_force(center, world)
    started = services.center_start_construction(center)  # the system, from the contract's signing
    assert started.status == S.UNDER_CONSTRUCTION and started.status_changed_at is not None
    event = _last_event(center)
    assert (event.action, event.status_from, event.status_to, event.actor) == (
        "start_construction",
        S.CONTRACTING,
        S.UNDER_CONSTRUCTION,
        None,
    )
    assert AuditEntry.objects.filter(action="center.start_construction", object_id=str(center.pk)).exists()
    assert Message.objects.filter(recipient=world.user("unit_admin"), url=center.get_absolute_url()).exists()
    assert Message.objects.filter(recipient=world.user("prefecture_officer"), url=center.get_absolute_url()).exists()


@pytest.mark.parametrize("actor", NOT_REGION)
def test_only_the_region_or_the_system_starts_construction(world, actor):
    center = center_for(world)
    _contract_in_force(center, world)
    with pytest.raises(PermissionDenied):
        services.center_start_construction(center, by=world.user(actor))
    assert services.center_start_construction(center, by=world.user("regional_officer")).status == (
        S.UNDER_CONSTRUCTION
    )


# ---------------------------------------------------------------- rectification


def test_the_region_requires_rectification_with_a_reason_and_the_unit_gets_a_task(world):
    center = center_for(world, status=S.UNDER_CONSTRUCTION)
    region = world.user("regional_officer")
    with pytest.raises(DomainError) as exc:
        services.center_require_rectification(region, center, reason="  ")
    assert exc.value.code == "reason"
    rectifying = services.center_require_rectification(region, center, reason="专利导航报告未按期完成。")
    assert rectifying.status == S.RECTIFYING
    event = _last_event(center)
    assert event.opinion == "专利导航报告未按期完成。" and event.actor == region
    task = Message.objects.get(recipient=world.user("unit_admin"), is_task=True, url=center.get_absolute_url())
    assert center.name in task.title


@pytest.mark.parametrize("actor", NOT_REGION)
def test_nobody_but_the_region_requires_rectification(world, actor):
    center = center_for(world, status=S.UNDER_CONSTRUCTION)
    with pytest.raises(PermissionDenied):
        services.center_require_rectification(world.user(actor), center, reason="整改")
    center.refresh_from_db()
    assert center.status == S.UNDER_CONSTRUCTION and not CenterEvent.objects.filter(action__contains="rect").exists()


def test_the_system_requires_rectification_when_one_opens_and_after_a_failed_acceptance(world):
    center = center_for(world, status=S.ACCEPTANCE_FAILED)
    assert services.center_require_rectification(None, center, reason="验收未通过，限期整改。").status == S.RECTIFYING
    event = _last_event(center)
    assert event.actor is None and event.actor_label == "系统"


def test_rectification_is_not_required_of_a_center_still_contracting(world):
    center = center_for(world)
    with pytest.raises(InvalidTransition):
        services.center_require_rectification(world.user("regional_officer"), center, reason="整改")


def test_a_rectification_is_concluded_only_when_none_is_open(world):
    center = center_for(world, status=S.RECTIFYING)
    region = world.user("regional_officer")
    rectification = Rectification.objects.create(
        center=center,
        source=Rectification.Source.REGION,
        requirements="补齐议事机构会议记录",
        starts_on=clock.today(),
        due_on=clock.today() + datetime.timedelta(days=90),
        created_by=region,
    )
    with pytest.raises(DomainError) as exc:
        services.center_complete_rectification(region, center)
    assert exc.value.code == "condition"
    Rectification.objects.filter(pk=rectification.pk).update(status=Rectification.Status.COMPLETED)
    done = services.center_complete_rectification(None, center, reason="整改已完成。")
    assert done.status == S.UNDER_CONSTRUCTION


@pytest.mark.parametrize("actor", NOT_REGION)
def test_nobody_but_the_region_concludes_a_rectification(world, actor):
    center = center_for(world, status=S.RECTIFYING)
    with pytest.raises(PermissionDenied):
        services.center_complete_rectification(world.user(actor), center)


# ---------------------------------------------------------------- acceptance


def test_the_region_passes_or_fails_the_acceptance(world):
    region = world.user("regional_officer")
    passed = services.center_accept(region, center_for(world, status=S.UNDER_CONSTRUCTION), opinion="验收通过。")
    assert passed.status == S.ACCEPTED and passed.name.startswith("内蒙古高价值专利培育中心")
    center = center_for(world, status=S.UNDER_CONSTRUCTION)
    with pytest.raises(DomainError):
        services.center_fail_acceptance(region, center, opinion="")
    failed = services.center_fail_acceptance(region, center, opinion="核心专利数量未达合同指标。")
    assert failed.status == S.ACCEPTANCE_FAILED
    with pytest.raises(InvalidTransition):
        services.center_accept(region, failed)


@pytest.mark.parametrize("actor", NOT_REGION)
def test_nobody_but_the_region_decides_the_acceptance(world, actor):
    center = center_for(world, status=S.UNDER_CONSTRUCTION)
    with pytest.raises(PermissionDenied):
        services.center_accept(world.user(actor), center)
    with pytest.raises(PermissionDenied):
        services.center_fail_acceptance(world.user(actor), center, opinion="不通过")


# ---------------------------------------------------------------- termination


def _termination(center, world, status=Termination.Status.APPROVED, **kwargs):
    return Termination.objects.create(
        center=center,
        status=status,
        reasons="牵头单位主营业务调整，无法继续建设。",
        decision_reason="同意终止。",
        created_by=world.user("unit_admin"),
        **kwargs,
    )


def test_a_center_is_terminated_only_by_its_approved_termination(world):
    region = world.user("regional_officer")
    center = center_for(world, status=S.UNDER_CONSTRUCTION)
    requested = _termination(center, world, status=Termination.Status.REQUESTED)
    with pytest.raises(DomainError) as exc:
        services.center_terminate(region, center, termination=requested)
    assert exc.value.code == "condition"
    other = center_for(world, org=world.org_other, status=S.UNDER_CONSTRUCTION)
    with pytest.raises(DomainError) as exc:
        services.center_terminate(region, center, termination=_termination(other, world))
    assert exc.value.code == "termination_center"
    Termination.objects.filter(pk=requested.pk).update(status=Termination.Status.APPROVED)
    requested.refresh_from_db()
    effective = clock.today() + datetime.timedelta(days=10)
    Termination.objects.filter(pk=requested.pk).update(effective_on=effective)
    requested.refresh_from_db()
    terminated = services.center_terminate(region, center, termination=requested)
    assert terminated.status == S.TERMINATED and terminated.ended_on == effective and terminated.is_ended
    assert _last_event(center).opinion == "同意终止。"
    with pytest.raises(InvalidTransition):
        services.center_terminate(region, terminated, termination=requested)


def test_a_center_may_be_terminated_from_every_state_not_ended(world):
    region = world.user("regional_officer")
    for status in (S.CONTRACTING, S.RECTIFYING, S.ACCEPTED, S.ACCEPTANCE_FAILED):
        center = center_for(world, status=status)
        assert services.center_terminate(region, center, termination=_termination(center, world)).status == (
            S.TERMINATED
        )


@pytest.mark.parametrize("actor", NOT_REGION)
def test_nobody_but_the_region_terminates(world, actor):
    center = center_for(world, status=S.UNDER_CONSTRUCTION)
    with pytest.raises(PermissionDenied):
        services.center_terminate(world.user(actor), center, termination=_termination(center, world))


# ---------------------------------------------------------------- delisting (the evaluation's hook)


def test_delisting_is_refused_while_no_evaluation_gives_grounds(world):
    center = center_for(world, status=S.UNDER_CONSTRUCTION)
    with pytest.raises(DomainError) as exc:
        services.center_delist(world.user("regional_officer"), center, reason="评价不合格")
    assert exc.value.code == "condition"
    center.refresh_from_db()
    assert center.status == S.UNDER_CONSTRUCTION and center.ended_on is None


def test_a_registered_provider_gives_or_refuses_grounds_for_delisting(world):
    center = center_for(world, status=S.RECTIFYING)
    region = world.user("regional_officer")

    def refuses(c):
        return deny("整改期尚未届满。")

    def finds_grounds(c):
        return ALLOW if c.pk == center.pk else deny("无摘牌依据。")

    delisting.register(refuses)
    try:
        with pytest.raises(DomainError) as exc:
            services.center_delist(region, center, reason="整改后仍不合格")
        assert "整改期尚未届满。" in exc.value.message  # with the evaluation's own refusal (Art. 17(3))
        delisting.register(finds_grounds)
        with pytest.raises(DomainError) as exc:
            services.center_delist(region, center, reason=" ")
        assert exc.value.code == "reason"
        delisted = services.center_delist(region, center, reason="整改后评价仍不合格（第十七条第三项）。")
        assert delisted.status == S.DELISTED and delisted.ended_on == clock.today()
    finally:
        delisting.unregister(refuses)
        delisting.unregister(finds_grounds)


# ---------------------------------------------------------------- concurrency, the table, the timeline


def test_a_state_changed_under_the_lock_is_a_concurrent_change(world):
    center = center_for(world, status=S.UNDER_CONSTRUCTION)
    stale = Center.objects.get(pk=center.pk)
    services.center_accept(world.user("regional_officer"), center)
    with pytest.raises(ConcurrentChange):
        services.center_require_rectification(world.user("regional_officer"), stale, reason="整改")
    assert CenterEvent.objects.filter(center=center, action="require_rectification").count() == 0


def test_every_state_but_the_ended_ones_has_a_way_out():
    for status in S.values:
        outgoing = CENTER.from_state(status)
        assert bool(outgoing) == (status not in Center.ENDED), status


def test_the_timeline_cuts_a_long_summary_and_names_the_actor(world):
    center = center_for(world)
    event = events.record(center, "note", "长" * 600, actor=world.user("prefecture_officer"))
    assert len(event.summary) == 500 and event.summary.endswith("…")
    assert event.actor_label == world.prefecture.office_name
    assert events.record(center, "note", "x", actor=world.user("unit_admin")).actor_label.startswith(world.org.name)


# ---------------------------------------------------------------- scoping


def _partner_of(center, organization, *, left=False):
    return CenterPartner.objects.create(
        center=center,
        organization=organization,
        role="rd_institution",
        joined_on=clock.today(),
        left_on=clock.today() if left else None,
    )


def test_each_role_sees_its_own_centers(world):
    ours = center_for(world, partners=0)
    theirs = center_for(world, org=world.org_other, partners=0)

    def seen(actor):
        return set(selectors.visible_to(world.user(actor)).values_list("pk", flat=True))

    assert seen("regional_officer") == {ours.pk, theirs.pk}
    assert seen("prefecture_officer") == {ours.pk}
    assert seen("prefecture_officer_other") == {theirs.pk}
    assert seen("unit_admin") == seen("unit_member") == {ours.pk}
    assert seen("unit_admin_other") == {theirs.pk}
    for actor in ("expert", "evaluator", "system_admin", "security_admin", "audit_admin"):
        assert seen(actor) == set(), actor
    assert not selectors.visible_to(None).exists()


def test_a_partner_unit_sees_the_center_while_it_is_a_partner(world):
    ours = center_for(world, partners=0)
    partnership = _partner_of(ours, world.org_other)
    assert ours.pk in selectors.visible_to(world.user("unit_admin_other")).values_list("pk", flat=True)
    CenterPartner.objects.filter(pk=partnership.pk).update(left_on=clock.today())
    assert ours.pk not in selectors.visible_to(world.user("unit_admin_other")).values_list("pk", flat=True)


def test_the_relations_of_a_user_to_a_center(world):
    from apps.centers import policies

    center = center_for(world, partners=0)
    _partner_of(center, world.org_other)
    u = world.user
    assert policies.is_lead_unit_admin_of(u("unit_admin"), center)
    assert not policies.is_lead_unit_admin_of(u("unit_member"), center)
    assert policies.is_lead_unit_member_of(u("unit_member"), center)
    assert not policies.is_lead_unit_member_of(u("unit_admin_other"), center)
    assert policies.is_partner_of(u("unit_admin_other"), center)
    assert not policies.is_partner_of(u("unit_admin"), center)  # the lead unit is not its own partner
    assert policies.is_prefecture_office_of(u("prefecture_officer"), center)
    assert not policies.is_prefecture_office_of(u("prefecture_officer_other"), center)
    assert policies.is_regional_officer(u("regional_officer"))
    assert not policies.is_regional_officer(u("prefecture_officer"))
