"""Assigned tasks' transition tables (交办任务, Art. 6(3): the prefecture offices complete the other tasks the
regional bureau hands them).

A task (`TASK`):

    draft ──issue (deadline not past, ≥ 1 office)──▶ issued ──close──▶ closed

An office's part of it (`ASSIGNMENT`):

    issued ──acknowledge──▶ acknowledged ──submit──▶ submitted ──accept──▶ accepted
                                                        │   ▲
                                                 return │   │ resubmit
                                                        ▼   │
                                                      returned

- `issue`: the region issues its draft (`services_tasks.task_issue`: one part per chosen office, in one transaction;
  each office's officers get a task in their inbox); refused when the deadline is past (today is allowed);
- `close`: the region closes an issued task (no part can move any more);
- `acknowledge` (签收), `submit`, `resubmit`: the prefecture officers of *this part's* office only (`own_office`),
  while the task is issued (`task_open`); a submission tells the regional officers (a task for them);
- `accept`, `return`: the region, while the task is issued; a return needs its reasons; the office is told.

Views ask `.guard` / `.options`; services call `.apply`. Rendered in docs/workflows.md."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import clock
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from .models import AssignedTask, TaskAssignment

T = AssignedTask.Status
A = TaskAssignment.Status
OPEN = (A.ISSUED, A.ACKNOWLEDGED, A.RETURNED)  # the office still owes its result
DONE = (A.SUBMITTED, A.ACCEPTED)


# ---------------------------------------------------------------- what must hold


def deadline_not_past(task) -> Decision:
    """The deadline is today or later (Art. 6(3): a task is handed with a time the office can meet)."""
    if task.deadline is not None and task.deadline < clock.today():
        return deny(
            _("The deadline %(date)s is in the past: set a deadline of today or later before issuing.")
            % {"date": task.deadline.isoformat()}
        )
    return ALLOW


def task_open(assignment) -> Decision:
    """The task is issued and not closed."""
    if assignment.task.status != T.ISSUED:
        return deny(_("The task is closed: its parts no longer change."))
    return ALLOW


def own_office(user, assignment) -> Decision:
    """The prefecture officer of this part's office."""
    if getattr(user, "prefecture_id", None) and user.prefecture_id == assignment.prefecture_id:
        return ALLOW
    return deny(_("This task belongs to another prefecture office."))


def is_overdue(assignment, today=None) -> bool:
    """Past the deadline and the result not yet submitted or accepted (shown on the pages, flagged by the job)."""
    today = today or clock.today()
    return assignment.status in OPEN and assignment.task.deadline < today


# ---------------------------------------------------------------- whom it tells


def regional_officers(obj=None):
    return get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)


def office_officers(assignment):
    return get_user_model().objects.filter(
        role=Role.PREFECTURE_OFFICER, prefecture_id=assignment.prefecture_id, is_active=True
    )


def assignment_url(assignment) -> str:
    return reverse("bureau:assignment", args=[assignment.pk])


def _notice(recipients, title, *, task=False):
    def notice(assignment):
        values = {"title": assignment.task.title, "prefecture": assignment.prefecture.name}
        return Notice(recipients(assignment), title % values, assignment_url(assignment), is_task=task)

    return notice


TASK = Workflow(
    "assigned_task",
    AssignedTask,
    [
        Transition(
            "issue",
            (T.DRAFT,),
            T.ISSUED,
            gettext_lazy("Issue to the offices"),
            by=(Role.REGIONAL_OFFICER,),
            when=(deadline_not_past,),
            style="success",
            # each chosen office is told by `services_tasks.task_issue`, one notice per office
        ),
        Transition(
            "close",
            (T.ISSUED,),
            T.CLOSED,
            gettext_lazy("Close the task"),
            by=(Role.REGIONAL_OFFICER,),
            style="outline-secondary",
        ),
    ],
)

ASSIGNMENT = Workflow(
    "task_assignment",
    TaskAssignment,
    [
        Transition(
            "acknowledge",
            (A.ISSUED,),
            A.ACKNOWLEDGED,
            gettext_lazy("Acknowledge"),
            by=(Role.PREFECTURE_OFFICER,),
            actor=own_office,
            when=(task_open,),
        ),
        Transition(
            "submit",
            (A.ACKNOWLEDGED,),
            A.SUBMITTED,
            gettext_lazy("Submit the result"),
            by=(Role.PREFECTURE_OFFICER,),
            actor=own_office,
            when=(task_open,),
            style="success",
            notify=_notice(
                regional_officers, gettext_lazy("Task result to review: %(title)s (%(prefecture)s)"), task=True
            ),
        ),
        Transition(
            "accept",
            (A.SUBMITTED,),
            A.ACCEPTED,
            gettext_lazy("Accept the result"),
            by=(Role.REGIONAL_OFFICER,),
            when=(task_open,),
            style="success",
            notify=_notice(office_officers, gettext_lazy("Your task result is accepted: %(title)s")),
        ),
        Transition(
            "return",
            (A.SUBMITTED,),
            A.RETURNED,
            gettext_lazy("Return with reasons"),
            by=(Role.REGIONAL_OFFICER,),
            when=(task_open,),
            requires_reason=True,
            style="outline-danger",
            notify=_notice(office_officers, gettext_lazy("Your task result is returned: %(title)s"), task=True),
        ),
        Transition(
            "resubmit",
            (A.RETURNED,),
            A.SUBMITTED,
            gettext_lazy("Submit the result again"),
            by=(Role.PREFECTURE_OFFICER,),
            actor=own_office,
            when=(task_open,),
            style="success",
            notify=_notice(
                regional_officers, gettext_lazy("Task result resubmitted: %(title)s (%(prefecture)s)"), task=True
            ),
        ),
    ],
)
