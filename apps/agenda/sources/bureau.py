"""Assigned tasks (Art. 6(3)): the deadline of each office's part of an issued task the user may see
(`apps.bureau.selectors_tasks.assignments_visible_to`: a prefecture office its own parts, the region every part);
open while the office still owes its result (`workflow_tasks.OPEN`). One query."""

from django.utils.translation import gettext as _

from apps.agenda.deadlines import DONE, OPEN, Deadline, Window
from apps.bureau import selectors_tasks
from apps.bureau.models import AssignedTask
from apps.bureau.workflow_tasks import OPEN as PART_OPEN
from apps.bureau.workflow_tasks import assignment_url
from apps.core.roles import Role

ROLES = frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER})
KINDS = ("assigned_task",)
CONCERNS = (Role.PREFECTURE_OFFICER,)


def deadlines(user, window: Window) -> list[Deadline]:
    parts = selectors_tasks.assignments_visible_to(user).filter(**window.range_q("task__deadline"))
    if window.open_only:
        parts = parts.filter(status__in=PART_OPEN, task__status=AssignedTask.Status.ISSUED)
    parts = parts.select_related("task", "prefecture").defer("result", "return_reason", "task__requirements")
    region = user.role == Role.REGIONAL_OFFICER
    found = []
    for part in parts.order_by("task__deadline", "pk"):
        title = part.task.title if not region else f"{part.task.title} · {part.prefecture.name}"
        is_open = part.status in PART_OPEN and part.task.status == AssignedTask.Status.ISSUED
        found.append(
            Deadline(
                kind="assigned_task",
                uid=f"assigned-task-{part.pk}",
                title=_("Assigned task: %(title)s") % {"title": title},
                due=part.task.deadline,
                state=OPEN if is_open else DONE,
                url=assignment_url(part),
                prefecture_id=part.prefecture_id,
                prefecture_name=part.prefecture.name,
                concerns=CONCERNS,
            )
        )
    return found
