"""The workflow engine (core.workflow): a transition's row is its whole rule; `apply` tells a state that never
allowed the action (InvalidTransition, "当前状态为…，不能…") apart from a state that changed under the lock
(ConcurrentChange); `options` and `guard` answer the views from the same row.

It lives beside the other cross-app tests (not in apps/core/tests): the engine is exercised on a real workflow
with the audit and notification hooks installed, which the kernel's own tests may not import.
Organizations' registration (pending → approved / rejected → pending) is the real workflow used; a small workflow
on the same model adds a condition that waits for a date and a system transition, and is unregistered after."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied as Forbidden

from apps.audit.models import AuditEntry
from apps.core.errors import ConcurrentChange, DomainError, InvalidTransition, PermissionDenied
from apps.core.policy import ALLOW, deny
from apps.core.roles import Role
from apps.core.workflow import REGISTRY, Transition, Workflow
from apps.notifications.models import Message
from apps.organizations import policies
from apps.organizations.models import Organization
from apps.organizations.tests.factories import OrganizationFactory
from apps.organizations.workflow import REGISTRATION

pytestmark = pytest.mark.django_db

S = Organization.Status
OPENS_ON = datetime.date(2999, 1, 1)


def _pending(world, **kwargs):
    return OrganizationFactory(prefecture=world.prefecture, status=S.PENDING, **kwargs)


def after_the_opening_day(org):
    """The opening day has come (a test condition that only waits for time)."""
    return deny("还没到开始日期。", available_on=OPENS_ON)


def always(org):
    """Always holds."""
    return ALLOW


@pytest.fixture
def waiting():
    """Approve waits for a date; close is the periodic job's; reject is a regional officer's only."""
    workflow = Workflow(
        "test.waiting",
        Organization,
        [
            Transition(
                "approve",
                (S.PENDING,),
                S.APPROVED,
                "批准",
                by=(Role.PREFECTURE_OFFICER,),
                actor=policies.is_reviewing_office,
                when=(always, after_the_opening_day),
            ),
            Transition("reject", (S.PENDING,), S.REJECTED, "驳回", by=(Role.REGIONAL_OFFICER,)),
            Transition("close", (S.PENDING,), S.REJECTED, "关闭", system=True),
        ],
    )
    yield workflow
    REGISTRY.pop("test.waiting")


# ---------------------------------------------------------------- apply: not in this state vs changed under the lock


def test_a_disallowed_action_names_the_state_and_the_action_and_changes_nothing(world):
    org = world.org  # approved
    with pytest.raises(InvalidTransition) as exc:
        REGISTRATION.apply(world.user("prefecture_officer"), org, "reject", reason="材料不全")
    assert exc.value.message == "当前状态为“已通过”，不能退回。"
    assert exc.value.code == "state"
    org.refresh_from_db()
    assert org.status == S.APPROVED and not org.review_note
    assert not AuditEntry.objects.filter(action="organization.reject").exists()


def test_a_replayed_action_is_refused_as_not_possible_in_the_state_never_as_a_concurrent_change(world):
    officer = world.user("prefecture_officer")
    approved = REGISTRATION.apply(officer, _pending(world), "approve")
    with pytest.raises(InvalidTransition) as exc:
        REGISTRATION.apply(officer, approved, "approve")
    assert not isinstance(exc.value, ConcurrentChange)
    assert exc.value.message == "当前状态为“已通过”，不能审核通过。"
    assert AuditEntry.objects.filter(action="organization.approve", object_id=str(approved.pk)).count() == 1


def test_a_concurrent_change_only_when_the_state_moved_under_the_lock(world):
    """A copy loaded while the organization was pending (its state allowed the action); meanwhile another officer
    approved it: the row lock finds the state moved on."""
    org = _pending(world)
    stale = Organization.objects.get(pk=org.pk)
    REGISTRATION.apply(world.user("prefecture_officer"), org, "approve")
    with pytest.raises(ConcurrentChange) as exc:
        REGISTRATION.apply(world.user("prefecture_officer"), stale, "reject", reason="材料不全")
    assert "他人修改" in exc.value.message and "已通过" in exc.value.message
    org.refresh_from_db()
    assert org.status == S.APPROVED and not org.review_note


def test_apply_takes_the_transition_with_its_changes_and_audits_it(world):
    org = _pending(world)
    rejected = REGISTRATION.apply(
        world.user("prefecture_officer"),
        org,
        "reject",
        reason="营业执照不清晰",
        changes={"review_note": "营业执照不清晰"},
    )
    assert rejected.status == S.REJECTED and rejected.review_note == "营业执照不清晰"
    entry = AuditEntry.objects.get(action="organization.reject", object_id=str(org.pk))
    assert entry.message == "营业执照不清晰" and entry.actor == world.user("prefecture_officer")


def test_who_is_checked_by_role_and_by_the_relation_to_the_object(world):
    org = _pending(world)
    with pytest.raises(PermissionDenied) as exc:
        REGISTRATION.apply(world.user("unit_admin"), org, "approve")
    assert exc.value.message == "只有盟市知识产权局工作人员、自治区知识产权局工作人员可以审核通过。"
    with pytest.raises(PermissionDenied) as exc:
        REGISTRATION.apply(world.user("prefecture_officer_other"), org, "approve")
    assert exc.value.message == "单位注册仅由其所在盟市知识产权局审核。"
    org.refresh_from_db()
    assert org.status == S.PENDING


def test_a_transition_that_needs_a_reason_refuses_without_one(world):
    org = _pending(world)
    with pytest.raises(DomainError) as exc:
        REGISTRATION.apply(world.user("prefecture_officer"), org, "reject", reason="  ")
    assert exc.value.code == "reason" and exc.value.message == "请填写理由。"


def test_conditions_are_checked_again_under_the_lock(world, waiting):
    org = _pending(world)
    with pytest.raises(DomainError) as exc:
        waiting.apply(world.user("prefecture_officer"), org, "approve")
    assert exc.value.code == "condition" and exc.value.message == "还没到开始日期。"
    org.refresh_from_db()
    assert org.status == S.PENDING


def test_only_a_system_transition_runs_without_a_user(world, waiting):
    org = _pending(world)
    with pytest.raises(PermissionDenied) as exc:
        waiting.apply(None, org, "reject")
    assert exc.value.message == "此操作需要登录后进行。"
    assert waiting.apply(None, org, "close").status == S.REJECTED
    assert AuditEntry.objects.filter(action="test.waiting.close", actor__isnull=True).exists()


# ---------------------------------------------------------------- asking: options (buttons) and guard (403)


def test_options_offer_a_failing_condition_disabled_with_the_reason_and_the_date(world, waiting):
    org = _pending(world)
    [option] = waiting.options(world.user("prefecture_officer"), org)
    assert option.action == "approve" and not option.enabled
    assert option.decision.reason == "还没到开始日期。"
    assert option.decision.available_on == OPENS_ON
    assert waiting.available(world.user("prefecture_officer"), org) == []


def test_options_hide_what_the_user_may_not_take(world, waiting):
    org = _pending(world)
    assert [o.action for o in waiting.options(world.user("regional_officer"), org)] == ["reject"]
    assert waiting.options(world.user("prefecture_officer_other"), org) == []  # the role, not the relation
    assert waiting.options(world.user("unit_admin"), org) == []
    assert [o.action for o in REGISTRATION.options(world.user("prefecture_officer"), org)] == ["approve", "reject"]
    assert all(o.enabled for o in REGISTRATION.options(world.user("prefecture_officer"), org))


def test_options_follow_the_state(world):
    org = world.org
    Organization.objects.filter(pk=org.pk).update(status=S.REJECTED)
    org.refresh_from_db()
    assert [o.action for o in REGISTRATION.options(world.user("unit_admin"), org)] == ["resubmit"]
    assert REGISTRATION.options(world.user("unit_admin_other"), org) == []
    assert REGISTRATION.options(world.user("prefecture_officer"), org) == []


def test_guard_is_a_403_with_the_reason_for_who_and_leaves_the_state_to_the_service(world):
    org = world.org  # approved: the state is the service's to refuse, with a message on the page
    REGISTRATION.guard(world.user("prefecture_officer"), org, "approve")
    with pytest.raises(Forbidden) as exc:
        REGISTRATION.guard(world.user("expert"), org, "approve")
    assert str(exc.value) == "只有盟市知识产权局工作人员、自治区知识产权局工作人员可以审核通过。"
    with pytest.raises(Forbidden) as exc:
        REGISTRATION.guard(world.user("regional_officer"), org, "approve")
    assert str(exc.value) == "单位注册仅由其所在盟市知识产权局审核。"


def test_check_gives_the_first_refusal_state_then_who_then_conditions(world, waiting):
    org = _pending(world)
    assert REGISTRATION.check(world.user("prefecture_officer"), org, "approve")
    assert REGISTRATION.check(world.user("prefecture_officer"), org, "resubmit").reason.startswith("当前状态为")
    assert waiting.check(world.user("unit_admin"), org, "approve").reason.startswith("只有")
    assert waiting.check(world.user("prefecture_officer"), org, "approve").reason == "还没到开始日期。"


def test_notifications_go_to_whoever_acts_next(world):
    org = world.org
    Organization.objects.filter(pk=org.pk).update(status=S.REJECTED)
    org.refresh_from_db()
    REGISTRATION.apply(world.user("unit_admin"), org, "resubmit")
    assert Message.objects.filter(recipient=world.user("prefecture_officer"), is_task=True).exists()
    assert not Message.objects.filter(recipient=world.user("prefecture_officer_other")).exists()


# ---------------------------------------------------------------- documenting


def test_rows_state_each_rule_in_words(world, waiting):
    rows = {row["action"]: row for row in waiting.rows()}
    assert rows["approve"]["sources"] == ["待审核"] and rows["approve"]["target"] == "已通过"
    assert rows["approve"]["who"] == "盟市知识产权局工作人员"
    assert rows["approve"]["actor"].startswith("The office of the organization's prefecture")
    assert rows["approve"]["conditions"] == [
        "Always holds.",
        "The opening day has come (a test condition that only waits for time).",
    ]
    assert rows["close"]["who"] == "系统"
    assert rows["reject"]["requires_reason"] is False


def test_docs_workflows_md_is_generated_from_the_tables():
    from apps.core.management.commands.render_workflows import DOC, render

    assert DOC.read_text(encoding="utf-8") == render(), "docs/workflows.md is stale: manage.py render_workflows --write"
