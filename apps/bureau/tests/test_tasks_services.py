"""Assigned tasks (Art. 6(3)), the services and the transition tables: each action by the right role and office only,
a past deadline and no office refused, another prefecture's part refused, nothing changed on a refusal, two
concurrent decisions on one part: one wins; the daily job reminds once, flags once, and leaves finished parts alone."""

from datetime import timedelta

import pytest

from apps.audit.models import AuditEntry
from apps.bureau import services_tasks as services
from apps.bureau.models import AssignedTask, TaskAssignment, TaskProgress
from apps.bureau.tests.matrix_tasks import RESULT, TASK, acknowledged, draft, issued, part, submitted
from apps.bureau.workflow_tasks import ASSIGNMENT, is_overdue
from apps.bureau.workflow_tasks import TASK as TASK_TABLE
from apps.core import schedules
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message
from apps.reference.models import Prefecture
from tests.concurrency import AsShown, call, race, race_calls

pytestmark = pytest.mark.django_db
T = AssignedTask.Status
A = TaskAssignment.Status


def _rows(model):
    return list(model.objects.order_by("pk").values())


# ---------------------------------------------------------------- the region's task


def test_the_region_creates_and_edits_a_draft(world, clock):
    task = draft(world)
    assert task.status == T.DRAFT and task.title == TASK["title"]
    task = services.task_update(
        world.user("regional_officer"), task, title="新标题", requirements="新要求", deadline=clock.today()
    )
    assert (task.title, task.deadline) == ("新标题", clock.today())  # today is allowed
    assert AuditEntry.objects.filter(action="assigned_task.update", object_id=str(task.pk)).exists()


@pytest.mark.parametrize("actor", ["prefecture_officer", "unit_admin", "expert", "system_admin"])
def test_only_the_region_creates_tasks(world, clock, actor):
    with pytest.raises(PermissionDenied):
        services.task_create(world.user(actor), **TASK, deadline=clock.today())
    assert not AssignedTask.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [({"title": " "}, "标题"), ({"requirements": ""}, "要求"), ({"deadline": None}, "截止"), ({"days": -1}, "已过")],
)
def test_bad_tasks_are_refused_in_chinese(world, clock, values, message):
    days = values.pop("days", 5)
    data = {**TASK, "deadline": clock.today() + timedelta(days=days), **values}
    with pytest.raises(DomainError) as refused:
        services.task_create(world.user("regional_officer"), **data)
    assert message in refused.value.message
    assert not AssignedTask.objects.exists()


def test_issuing_creates_one_part_per_office_and_tells_each_office(world):
    task = issued(world, prefectures=[world.prefecture, world.prefecture_other.pk])
    assert task.status == T.ISSUED and task.issued_at is not None
    assert sorted(task.assignments.values_list("prefecture_id", flat=True)) == sorted(
        [world.prefecture.pk, world.prefecture_other.pk]
    )
    for actor in ("prefecture_officer", "prefecture_officer_other"):
        assert Message.objects.filter(recipient=world.user(actor), is_task=True).count() == 1


def test_issuing_to_all_fourteen_offices(world):
    task = issued(world, prefectures=list(Prefecture.objects.all()))
    assert task.assignments.count() == Prefecture.objects.count() == 14


def test_issuing_with_no_office_is_refused_and_nothing_changes(world):
    task = draft(world)
    before = _rows(AssignedTask)
    with pytest.raises(DomainError) as refused:
        services.task_issue(world.user("regional_officer"), task, prefectures=[])
    assert "盟市" in refused.value.message
    assert _rows(AssignedTask) == before and not TaskAssignment.objects.exists()


def test_issuing_with_a_past_deadline_is_refused_and_nothing_changes(world, clock):
    task = draft(world, deadline=clock.today() + timedelta(days=1))
    clock.advance(days=2)
    before = _rows(AssignedTask)
    with pytest.raises(DomainError) as refused:
        services.task_issue(world.user("regional_officer"), task, prefectures=[world.prefecture])
    assert "已过" in refused.value.message
    assert _rows(AssignedTask) == before and not TaskAssignment.objects.exists()
    assert not Message.objects.exists()


def test_only_the_region_issues_and_a_draft_only_once(world):
    task = draft(world)
    with pytest.raises(PermissionDenied):
        services.task_issue(world.user("prefecture_officer"), task, prefectures=[world.prefecture])
    task = services.task_issue(world.user("regional_officer"), task, prefectures=[world.prefecture])
    with pytest.raises(InvalidTransition):
        services.task_issue(world.user("regional_officer"), task, prefectures=[world.prefecture_other])
    with pytest.raises(DomainError):
        services.task_update(world.user("regional_officer"), task, **TASK, deadline=task.deadline)
    assert task.assignments.count() == 1


def test_closing_a_task_stops_its_parts(world):
    piece = part(world)
    services.task_close(world.user("regional_officer"), piece.task)
    with pytest.raises(DomainError) as refused:
        services.assignment_acknowledge(world.user("prefecture_officer"), piece)
    assert "关闭" in refused.value.message


# ---------------------------------------------------------------- an office's part


def test_the_whole_way_with_a_return(world):
    office, region = world.user("prefecture_officer"), world.user("regional_officer")
    piece = services.assignment_acknowledge(office, part(world))
    assert piece.status == A.ACKNOWLEDGED and piece.acknowledged_at is not None
    services.assignment_report(office, piece, text="第一次进展")
    services.assignment_report(office, piece, text="第二次进展")
    assert list(piece.progress.values_list("text", flat=True)) == ["第一次进展", "第二次进展"]
    piece = services.assignment_submit(office, piece, result=RESULT)
    assert (piece.status, piece.submissions) == (A.SUBMITTED, 1)
    assert Message.objects.filter(recipient=region, is_task=True).exists()
    piece = services.assignment_return(region, piece, reason="缺少调研照片。")
    assert piece.status == A.RETURNED and piece.return_reason == "缺少调研照片。"
    assert Message.objects.filter(recipient=office, title__contains="退回").exists()
    piece = services.assignment_submit(office, piece, result=RESULT + "已补充照片。")
    assert (piece.status, piece.submissions) == (A.SUBMITTED, 2)
    piece = services.assignment_accept(region, piece)
    assert piece.status == A.ACCEPTED and piece.decided_at is not None
    actions = set(
        AuditEntry.objects.filter(object_type=piece._meta.label_lower, object_id=str(piece.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"task_assignment.acknowledge", "task_assignment.submit", "task_assignment.return"} <= actions
    assert {"task_assignment.resubmit", "task_assignment.accept", "task_assignment.report"} <= actions


def test_another_prefecture_cannot_act_on_a_part(world):
    other = world.user("prefecture_officer_other")
    piece = part(world)
    with pytest.raises(PermissionDenied):
        services.assignment_acknowledge(other, piece)
    piece = acknowledged(world)
    before = _rows(TaskAssignment)
    with pytest.raises(PermissionDenied):
        services.assignment_submit(other, piece, result=RESULT)
    with pytest.raises(PermissionDenied):
        services.assignment_report(other, piece, text="不是我们的任务")
    assert _rows(TaskAssignment) == before and not TaskProgress.objects.exists()


def test_an_empty_result_is_refused_and_nothing_changes(world):
    piece = acknowledged(world)
    before = _rows(TaskAssignment)
    with pytest.raises(DomainError) as refused:
        services.assignment_submit(world.user("prefecture_officer"), piece, result="  ")
    assert "成果" in refused.value.message
    assert _rows(TaskAssignment) == before


def test_only_the_region_decides_and_a_return_needs_reasons(world):
    piece = submitted(world)
    with pytest.raises(PermissionDenied):
        services.assignment_accept(world.user("prefecture_officer"), piece)
    with pytest.raises(DomainError):
        services.assignment_return(world.user("regional_officer"), piece, reason=" ")
    assert TaskAssignment.objects.get(pk=piece.pk).status == A.SUBMITTED


def test_progress_only_while_in_progress_or_returned(world):
    with pytest.raises(DomainError):
        services.assignment_report(world.user("prefecture_officer"), part(world), text="还未签收")
    assert not TaskProgress.objects.exists()


def test_the_tables_state_every_transition():
    assert set(TASK_TABLE.transitions) == {"issue", "close"}
    assert set(ASSIGNMENT.transitions) == {"acknowledge", "submit", "accept", "return", "resubmit"}
    assert ASSIGNMENT["return"].requires_reason
    for action in ("acknowledge", "submit", "resubmit"):
        assert ASSIGNMENT[action].actor is not None


# ---------------------------------------------------------------- the daily job


def test_the_job_is_registered():
    assert "bureau.task_reminders" in {s.name for s in schedules.registered()}


def test_reminded_once_flagged_once_finished_parts_left_alone(world, clock):
    office = world.user("prefecture_officer")
    task = issued(world, prefectures=[world.prefecture, world.prefecture_other], deadline=clock.today() + timedelta(5))
    open_part = task.assignments.get(prefecture=world.prefecture_other)
    done_part = task.assignments.get(prefecture=world.prefecture)
    done_part = services.assignment_acknowledge(office, done_part)
    done_part = services.assignment_submit(office, done_part, result=RESULT)
    services.assignment_accept(world.user("regional_officer"), done_part)

    assert services.remind_and_flag() == {"reminded": [], "flagged": []}  # 5 days away: not yet
    clock.advance(days=2)
    assert services.remind_and_flag() == {"reminded": [open_part.pk], "flagged": []}
    assert services.remind_and_flag() == {"reminded": [], "flagged": []}  # once
    assert TaskAssignment.objects.get(pk=open_part.pk).reminded_on == clock.today()
    other = world.user("prefecture_officer_other")
    assert Message.objects.filter(recipient=other, title__contains="到期").count() == 1

    clock.advance(days=4)  # the deadline has passed
    open_part.refresh_from_db()
    assert is_overdue(open_part) and not is_overdue(TaskAssignment.objects.get(pk=done_part.pk))
    assert services.remind_and_flag() == {"reminded": [], "flagged": [open_part.pk]}
    assert services.remind_and_flag() == {"reminded": [], "flagged": []}  # once
    assert TaskAssignment.objects.get(pk=open_part.pk).overdue_flagged_at is not None
    assert Message.objects.filter(recipient=other, title__contains="逾期").count() == 1
    assert Message.objects.filter(recipient=world.user("regional_officer"), title__contains="逾期").count() == 1
    assert TaskAssignment.objects.get(pk=done_part.pk).overdue_flagged_at is None
    assert TaskAssignment.objects.get(pk=done_part.pk).reminded_on is None


def test_a_closed_task_is_never_flagged(world, clock):
    task = issued(world, deadline=clock.today() + timedelta(days=1))
    services.task_close(world.user("regional_officer"), task)
    clock.advance(days=5)
    assert services.remind_and_flag() == {"reminded": [], "flagged": []}


# ---------------------------------------------------------------- concurrency


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_accept_and_return_at_once_one_wins():
    from tests.world import build_world

    world = build_world()
    piece = submitted(world)
    region = world.user("regional_officer")

    shown = AsShown(TaskAssignment, piece.pk)
    outcomes = race_calls(
        [
            call(services.assignment_accept, region, shown),
            call(services.assignment_return, region, shown, reason="缺少材料"),
        ]
    )
    assert outcomes == ["conflict", "ok"]
    assert TaskAssignment.objects.get(pk=piece.pk).status in (A.ACCEPTED, A.RETURNED)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_issues_of_one_draft_create_the_parts_once():
    from tests.world import build_world

    world = build_world()
    task = draft(world)
    region = world.user("regional_officer")
    shown = AsShown(AssignedTask, task.pk)
    outcome = race(lambda t: services.task_issue(region, t, prefectures=[world.prefecture]), [(shown,), (shown,)])
    assert outcome == ["conflict", "ok"]
    assert TaskAssignment.objects.filter(task=task).count() == 1
