"""A job enqueued by a request is executed by the real worker command; schedules are claimed exactly once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from apps.core import schedules
from apps.core.models import PeriodicJob
from apps.notifications import services
from apps.notifications.models import Message

pytestmark = pytest.mark.django_db


def run_worker_batch():
    """The real worker command, as `run_worker` starts it (it closes its database connections when done, so the
    tests that use it run in real transactions: `transaction=True`)."""
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)


worker_db = pytest.mark.django_db(transaction=True)


@worker_db
def test_notification_email_is_sent_by_the_worker_not_the_request(world, django_capture_on_commit_callbacks):
    officer = world.user("prefecture_officer")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify([officer], "请审核单位注册", url="/organizations/1/", is_task=True)
    assert mail.outbox == []  # nothing sent inside the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker_batch()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [officer.email]
    assert "请审核单位注册" in mail.outbox[0].subject
    assert Message.objects.get(recipient=officer).emailed_at is not None
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_closing_a_task_closes_it_for_everyone(world):
    a, b = world.user("prefecture_officer"), world.user("regional_officer")
    services.notify([a, b], "待办", subject=world.org, is_task=True, email=False)
    assert services.close_tasks(world.org) == 2
    assert not services.open_tasks(a).exists()


def test_inactive_users_are_not_notified(world):
    user = world.user("unit_member")
    user.is_active = False
    user.save()
    assert services.notify([user], "x", email=False) == []


def test_inbox_open_marks_read_and_follows_only_local_links(world, client_for):
    from django.urls import reverse

    message = Message.objects.create(recipient=world.user("unit_admin"), title="t", url="https://evil.example/")
    response = client_for("unit_admin").post(reverse("notifications:open", args=[message.pk]))
    assert response["Location"] == reverse("notifications:inbox")
    message.refresh_from_db()
    assert message.read_at is not None


def test_a_due_schedule_is_enqueued_once_however_many_workers_tick():
    now = timezone.now()
    first = schedules.tick(now)
    second = schedules.tick(now)  # a second worker in the same instant
    assert "audit.verify_chain" in first
    assert "audit.verify_chain" not in second
    job = PeriodicJob.objects.get(name="audit.verify_chain")
    assert job.next_run_at == now + timedelta(days=1)
    assert "audit.verify_chain" in schedules.tick(now + timedelta(days=1, seconds=1))
