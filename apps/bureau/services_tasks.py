"""Assigned tasks (交办任务, Art. 6(3): the prefecture offices complete the other tasks the regional bureau hands
them). The only code that changes an `AssignedTask`, a `TaskAssignment` or a `TaskProgress`; every function checks
the transition tables (`workflow_tasks.TASK`, `.ASSIGNMENT`) or the policy, works in one transaction under a row
lock, writes the audit entry and notifies; a refusal is a `DomainError` with the Chinese reason, after which nothing
has changed.

The region (Art. 6(3), 5):
- `task_create(user, *, title, requirements, deadline) -> AssignedTask`: a draft. Refused: not the region
  (PermissionDenied), an empty title or requirements, no deadline or one in the past (today is allowed);
- `task_update(user, task, *, title, requirements, deadline) -> AssignedTask`: edits the draft (likewise; a task
  already issued is refused);
- `task_issue(user, task, *, prefectures) -> AssignedTask`: draft → issued; one `TaskAssignment` per chosen office
  (Prefecture objects or their ids), in one transaction; each office's officers get a task in their inbox. Refused:
  no office chosen, an unknown office, a deadline now in the past (`workflow_tasks.deadline_not_past`);
- `task_close(user, task) -> AssignedTask`: issued → closed;
- `assignment_accept(user, assignment)`, `assignment_return(user, assignment, *, reason)`: submitted → accepted or
  returned (the reasons required); the office is told.

A prefecture office, on its own part only (another office's part: PermissionDenied):
- `assignment_acknowledge(user, assignment)`: issued → acknowledged (签收);
- `assignment_report(user, assignment, *, text) -> TaskProgress`: a progress report, while acknowledged or returned;
- `assignment_submit(user, assignment, *, result)`: acknowledged → submitted, or returned → submitted again
  (`resubmit`); the result text is required; the regional officers get a task.

The worker (`remind_and_flag(today=None) -> dict`, once a day, `jobs_tasks.remind_and_flag_daily`): each open part
(issued, acknowledged, returned) of an issued task is reminded once when its deadline is `REMIND_DAYS_BEFORE` days
away or closer (`reminded_on`), and flagged once when the deadline has passed (`overdue_flagged_at`; the office and
the regional officers are told)."""

import datetime

from django.db import models, transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, hooks, inputs
from apps.core.errors import DomainError, PermissionDenied

from . import policies
from .models import AssignedTask, TaskAssignment, TaskProgress
from .workflow_tasks import (
    ASSIGNMENT,
    OPEN,
    TASK,
    assignment_url,
    deadline_not_past,
    office_officers,
    regional_officers,
)

T = AssignedTask.Status
A = TaskAssignment.Status
REMIND_DAYS_BEFORE = 3  # Art. 6(3): the office is reminded this many days before its deadline


def _require_region(user) -> None:
    decision = policies.can_manage(user)
    if not decision:
        raise PermissionDenied(decision.reason)


def _text(value, model, name: str, *, required_message) -> str:
    """The typed text stripped, on one line for a CharField (a task's title) as its save stores it."""
    field = model._meta.get_field(name)
    single_line = not isinstance(field, models.TextField)
    text = inputs.required_text(value, message=required_message, code=name, single_line=single_line)
    inputs.check_length(text, limit=inputs.limit_of(field), label=field.verbose_name)
    return text


def _deadline(value) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(_("Please give the deadline."), code="deadline")
    if value.year < 2000 or value.year > 2100:
        raise DomainError(_("Please give a deadline between 2000 and 2100."), code="deadline")
    probe = AssignedTask(deadline=value)
    decision = deadline_not_past(probe)
    if not decision:
        raise DomainError(decision.reason, code="deadline")
    return value


def _task_values(title, requirements, deadline) -> dict:
    return {
        "title": _text(title, AssignedTask, "title", required_message=_("Please give the task a title.")),
        "requirements": _text(
            requirements, AssignedTask, "requirements", required_message=_("Please write the task's requirements.")
        ),
        "deadline": _deadline(deadline),
    }


def _snapshot(task) -> dict:
    return {
        "title": task.title,
        "requirements": task.requirements,
        "deadline": task.deadline.isoformat() if task.deadline else "",
        "status": task.status,
    }


# ---------------------------------------------------------------- the region's task


def task_create(user, *, title, requirements, deadline) -> AssignedTask:
    """A draft task of the region (Art. 6(3)). Refused: not the region, an empty title or requirements, no deadline
    or one in the past."""
    _require_region(user)
    values = _task_values(title, requirements, deadline)
    with transaction.atomic():
        task = AssignedTask.objects.create(created_by=user, status=T.DRAFT, **values)
        audit.record("assigned_task.create", task, after=_snapshot(task), actor=user)
    return task


def task_update(user, task, *, title, requirements, deadline) -> AssignedTask:
    """Edits the draft. Refused: not the region, a task already issued, the rules of `task_create`."""
    _require_region(user)
    values = _task_values(title, requirements, deadline)
    with transaction.atomic():
        locked = AssignedTask.objects.select_for_update().get(pk=task.pk)
        if locked.status != T.DRAFT:
            raise DomainError(
                _("The current state is “%(state)s”: only a draft task is edited.")
                % {"state": locked.get_status_display()},
                code="state",
            )
        before = _snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        audit.record("assigned_task.update", locked, before=before, after=_snapshot(locked), actor=user)
    return locked


def _prefecture_ids(prefectures) -> list[int]:
    from apps.reference.models import Prefecture

    ids = []
    for item in prefectures or ():
        value = getattr(item, "pk", item)
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise DomainError(_("Unknown prefecture office."), code="prefectures") from None
        if value not in ids:
            ids.append(value)
    if not ids:
        raise DomainError(_("Please choose at least one prefecture office."), code="prefectures")
    if Prefecture.objects.filter(pk__in=ids).count() != len(ids):
        raise DomainError(_("Unknown prefecture office."), code="prefectures")
    return ids


def task_issue(user, task, *, prefectures) -> AssignedTask:
    """Draft → issued: one part per chosen office, in one transaction; each office's officers get a task. Refused:
    not the region, no office or an unknown one, a deadline in the past (Art. 6(3)). Nothing is created then."""
    ids = _prefecture_ids(prefectures)
    with transaction.atomic():
        issued = TASK.apply(user, task, "issue", changes={"issued_at": clock.now()})
        parts = [TaskAssignment.objects.create(task=issued, prefecture_id=pk, status=A.ISSUED) for pk in ids]  # ≤ 14
        notifier = hooks.notifier()
        for part in TaskAssignment.objects.filter(pk__in=[p.pk for p in parts]).select_related("prefecture"):
            notifier.notify(
                office_officers(part),
                _("New task from the regional bureau: %(title)s (deadline %(date)s)")
                % {"title": issued.title, "date": issued.deadline.isoformat()},
                url=assignment_url(part),
                subject=part,
                is_task=True,
            )
        audit.record(
            "assigned_task.issue",
            issued,
            after={"prefectures": sorted(ids)},
            message=_("Issued to %(count)s prefecture offices") % {"count": len(ids)},
            actor=user,
        )
    return issued


def task_close(user, task) -> AssignedTask:
    """Issued → closed: the parts no longer move."""
    return TASK.apply(user, task, "close", changes={"closed_at": clock.now()})


# ---------------------------------------------------------------- an office's part


def assignment_acknowledge(user, assignment) -> TaskAssignment:
    """Issued → acknowledged (签收), by the part's own office."""
    return ASSIGNMENT.apply(user, assignment, "acknowledge", changes={"acknowledged_at": clock.now()})


def _own_open_part(user, assignment) -> TaskAssignment:
    """The part locked, after checking it is the user's office's and still open for work (acknowledged/returned)."""
    decision = ASSIGNMENT["submit"].who(user, assignment)
    if not decision:
        raise PermissionDenied(decision.reason)
    locked = TaskAssignment.objects.select_for_update().select_related("task").get(pk=assignment.pk)
    if locked.status not in (A.ACKNOWLEDGED, A.RETURNED) or locked.task.status != T.ISSUED:
        raise DomainError(
            _("The current state is “%(state)s”: progress is reported only while the part is in progress or returned.")
            % {
                "state": locked.get_status_display()
                if locked.task.status == T.ISSUED
                else locked.task.get_status_display()
            },
            code="state",
        )
    return locked


def assignment_report(user, assignment, *, text) -> TaskProgress:
    """A progress report of the office on its part (listed oldest first). Refused: another office's part, a part not
    in progress or returned, an empty text."""
    text = _text(text, TaskProgress, "text", required_message=_("Please write what has been done so far."))
    with transaction.atomic():
        locked = _own_open_part(user, assignment)
        progress = TaskProgress.objects.create(assignment=locked, text=text, created_by=user)
        audit.record("task_assignment.report", locked, after={"progress": text}, actor=user)
    return progress


def assignment_submit(user, assignment, *, result) -> TaskAssignment:
    """Acknowledged → submitted, or returned → submitted again (`resubmit`): the result text is required; the
    regional officers get a task. Refused: another office's part (PermissionDenied), any other state, no result."""
    result = inputs.normalised_text(result)
    action = "resubmit" if assignment.status == A.RETURNED else "submit"

    def check(locked):
        _text(result, TaskAssignment, "result", required_message=_("Please write the result."))
        locked.submissions = (locked.submissions or 0) + 1

    return ASSIGNMENT.apply(
        user, assignment, action, changes={"result": result, "submitted_at": clock.now()}, prepare=check
    )


def assignment_accept(user, assignment) -> TaskAssignment:
    """Submitted → accepted, by the region; the office is told."""
    return ASSIGNMENT.apply(user, assignment, "accept", changes={"decided_at": clock.now()})


def assignment_return(user, assignment, *, reason) -> TaskAssignment:
    """Submitted → returned with the reasons (required), by the region; the office is told and submits again."""
    reason = inputs.normalised_text(reason)
    return ASSIGNMENT.apply(
        user, assignment, "return", reason=reason, changes={"decided_at": clock.now(), "return_reason": reason}
    )


def assignment_act(user, assignment, action, *, reason="") -> TaskAssignment:
    """The part page's buttons by name: acknowledge, accept, return."""
    if action == "acknowledge":
        return assignment_acknowledge(user, assignment)
    if action == "accept":
        return assignment_accept(user, assignment)
    if action == "return":
        return assignment_return(user, assignment, reason=reason)
    raise DomainError(_("Unknown action."), code="action")


# ---------------------------------------------------------------- the worker


def _open_parts():
    return TaskAssignment.objects.filter(status__in=OPEN, task__status=T.ISSUED)


def remind_and_flag(today=None) -> dict:
    """Once a day: remind each open part whose deadline is at most REMIND_DAYS_BEFORE days away (once: `reminded_on`),
    flag each open part past its deadline (once: `overdue_flagged_at`; the office and the region are told).
    Returns {"reminded": [pk, …], "flagged": [pk, …]}."""
    today = today or clock.today()
    notifier = hooks.notifier()
    done = {"reminded": [], "flagged": []}
    due = _open_parts().filter(
        reminded_on__isnull=True,
        task__deadline__gte=today,
        task__deadline__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
    )
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            part = _open_parts().select_for_update(of=("self",)).filter(pk=pk, reminded_on__isnull=True).first()
            if part is None:
                continue
            part = TaskAssignment.objects.select_related("task", "prefecture").get(pk=pk)
            part.reminded_on = today
            part.save(update_fields=["reminded_on"])
            notifier.notify(
                office_officers(part),
                _("Task due on %(date)s: %(title)s")
                % {"date": part.task.deadline.isoformat(), "title": part.task.title},
                url=assignment_url(part),
                subject=part,
                is_task=False,
            )
            audit.record("task_assignment.remind", part, after={"reminded_on": today.isoformat()}, actor=None)
            done["reminded"].append(pk)
    late = _open_parts().filter(overdue_flagged_at__isnull=True, task__deadline__lt=today)
    for pk in late.values_list("pk", flat=True):
        with transaction.atomic():
            part = _open_parts().select_for_update(of=("self",)).filter(pk=pk, overdue_flagged_at__isnull=True).first()
            if part is None:
                continue
            part = TaskAssignment.objects.select_related("task", "prefecture").get(pk=pk)
            part.overdue_flagged_at = clock.now()
            part.save(update_fields=["overdue_flagged_at"])
            title = _("Task overdue: %(title)s (%(prefecture)s, deadline %(date)s)") % {
                "title": part.task.title,
                "prefecture": part.prefecture.name,
                "date": part.task.deadline.isoformat(),
            }
            notifier.notify(
                [*office_officers(part), *regional_officers()], title, url=assignment_url(part), subject=part
            )
            audit.record(
                "task_assignment.overdue", part, after={"deadline": part.task.deadline.isoformat()}, actor=None
            )
            done["flagged"].append(pk)
    return done
