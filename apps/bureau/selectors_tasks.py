"""Assigned tasks' querysets, scoped by the user, shaped for the pages (Art. 6(3)).

- `assignments_visible_to(user)`: the region sees every part of every issued task; a prefecture officer only the
  parts of its own office (never a draft's); everyone else none. "Not yours" is a 404 by construction
  (`assignment_for`);
- `tasks_visible_to(user)`: the region every task; a prefecture officer the issued tasks its office has a part of;
- `board(status="")`: the region's board: tasks with their parts and offices prefetched (one query each);
- `office_parts(user, status="")`: a prefecture officer's parts, the open ones first, with their task."""

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from apps.core.roles import Role

from .models import AssignedTask, TaskAssignment, TaskProgress

T = AssignedTask.Status
A = TaskAssignment.Status


def assignments_visible_to(user) -> QuerySet[TaskAssignment]:
    if user is None or not getattr(user, "is_authenticated", False):
        return TaskAssignment.objects.none()
    qs = TaskAssignment.objects.exclude(task__status=T.DRAFT)
    if user.role == Role.REGIONAL_OFFICER:
        return qs
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return qs.filter(prefecture_id=user.prefecture_id)
    return TaskAssignment.objects.none()


def tasks_visible_to(user) -> QuerySet[AssignedTask]:
    if user is None or not getattr(user, "is_authenticated", False):
        return AssignedTask.objects.none()
    if user.role == Role.REGIONAL_OFFICER:
        return AssignedTask.objects.all()
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return AssignedTask.objects.exclude(status=T.DRAFT).filter(assignments__prefecture_id=user.prefecture_id)
    return AssignedTask.objects.none()


def assignment_for(user, pk) -> TaskAssignment:
    """One part the user may see, with its task and office; else 404."""
    return get_object_or_404(
        assignments_visible_to(user).select_related("task", "prefecture"),
        pk=pk,
    )


def progress_of(assignment) -> QuerySet[TaskProgress]:
    return assignment.progress.select_related("created_by").order_by("created_at", "id")


def task_for_region(pk) -> AssignedTask:
    return get_object_or_404(AssignedTask.objects.select_related("created_by"), pk=pk)


def parts_of(task) -> QuerySet[TaskAssignment]:
    return task.assignments.select_related("prefecture").order_by("prefecture__code")


def board(*, status: str = "") -> QuerySet[AssignedTask]:
    qs = AssignedTask.objects.all()
    if status:
        qs = qs.filter(status=status)
    parts = TaskAssignment.objects.select_related("prefecture").defer("result", "return_reason")
    return (
        qs.defer("requirements")
        .prefetch_related(Prefetch("assignments", queryset=parts))
        .order_by("-created_at", "-id")
    )


def office_parts(user, *, status: str = "") -> QuerySet[TaskAssignment]:
    qs = assignments_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    open_first = Case(
        When(status__in=(A.ISSUED, A.ACKNOWLEDGED, A.RETURNED), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        qs.select_related("task", "prefecture")
        .defer("result", "return_reason", "task__requirements")
        .annotate(open_first=open_first)
        .order_by("open_first", "task__deadline", "-id")
    )
