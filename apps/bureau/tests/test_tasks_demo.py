"""The assigned tasks' demo: one task issued to three offices — one accepted after a return, one awaiting the
region, one overdue and flagged; loaded twice, nothing changes."""

import pytest

from apps.bureau import demo_tasks
from apps.bureau.models import TaskAssignment
from apps.reference.models import Prefecture

pytestmark = pytest.mark.django_db
A = TaskAssignment.Status


def test_the_demo_task_loads_once(world, clock):
    from apps.accounts.tests.factories import UserFactory
    from apps.core.roles import Role

    users = {
        "regional_officer": world.user("regional_officer"),
        "prefecture_officer_150100": world.user("prefecture_officer"),
    }
    for key, code in (("prefecture_officer", "150200"), ("prefecture_officer_150400", "150400")):
        users[key] = UserFactory(role=Role.PREFECTURE_OFFICER, prefecture=Prefecture.objects.get(code=code))
    task = demo_tasks.load(users)["task"]
    parts = {part.status: part for part in task.assignments.all()}
    assert set(parts) == {A.ACCEPTED, A.SUBMITTED, A.ACKNOWLEDGED}
    assert parts[A.ACCEPTED].submissions == 2
    assert parts[A.ACKNOWLEDGED].overdue_flagged_at is not None
    before = list(TaskAssignment.objects.order_by("pk").values())
    demo_tasks.load(users)
    assert list(TaskAssignment.objects.order_by("pk").values()) == before
