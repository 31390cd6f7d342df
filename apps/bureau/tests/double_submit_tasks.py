"""The assigned tasks' @once forms for tests/test_double_submit.py: a new task and a progress report sent twice (a
double click, a reload) are kept once."""

from django.urls import reverse

from .matrix_tasks import TASK, _deadline, acknowledged


def new_task(w):
    from apps.bureau.models import AssignedTask
    from tests.test_double_submit import Setup

    url = reverse("bureau:task_new")
    return Setup(url, url, lambda c: {**TASK, "deadline": _deadline().isoformat()}, AssignedTask.objects.count)


def progress(w):
    from apps.bureau.models import TaskProgress
    from tests.test_double_submit import Setup

    part = acknowledged(w)
    page = reverse("bureau:assignment", args=[part.pk])
    url = reverse("bureau:assignment_progress", args=[part.pk])
    return Setup(page, url, lambda c: {"text": "已完成两家中心的调研。"}, TaskProgress.objects.count)


def cases(Case) -> list:
    return [
        Case("bureau:task_new", "regional_officer", new_task),
        Case("bureau:assignment_progress", "prefecture_officer", progress),
    ]
