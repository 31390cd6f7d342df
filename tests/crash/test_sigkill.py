"""A worker killed with SIGKILL in the middle of a job (issue 22): another worker re-queues the job once the dead
worker's heartbeat is stale (apps/core/recovery.py), runs it again, and every effect exists exactly once.

Real processes: `manage.py run_worker` subprocesses on the test database (tests/crash/harness.py), the kill at a
controlled point (tests/crash/gate.py), staleness 2 s and mail claims 1 s (tests/crash/worker_settings.py)."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from apps.audit.models import AuditEntry
from apps.calls.models import Call
from apps.calls.tests.factories import published_call
from apps.core import schedules
from apps.core.models import CheckOutcome, PeriodicJob
from apps.notifications.models import EmailMode, MailClaim, Message
from apps.notifications.tasks import send_message_emails

from . import jobs
from .harness import Workers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def workers(tmp_path):
    """The worker pool; the periodic schedules are not due for a year, so the workers run only the test's job."""
    for schedule in schedules.registered():
        PeriodicJob.objects.update_or_create(
            name=schedule.name, defaults={"next_run_at": timezone.now() + datetime.timedelta(days=365)}
        )
    pool = Workers(tmp_path)
    yield pool
    pool.open_gate()
    pool.stop_all()


def _job(pk) -> DBTaskResult:
    return DBTaskResult.objects.get(pk=pk)


def _killed_then_finished_by_another(workers: Workers, result) -> DBTaskResult:
    """Close the gate, start a worker, kill it inside the job, start a second one: the job ends SUCCESSFUL, claimed
    by both (the dead one first)."""
    workers.close_gate()
    first = workers.start()
    workers.wait_for(workers.inside, "the first worker to reach the gate")
    assert _job(result.id).status == "RUNNING"
    workers.kill(first)
    workers.open_gate()
    workers.start()
    job = workers.wait_for(
        lambda: (row := _job(result.id)).status in ("SUCCESSFUL", "FAILED") and row, "the job to finish"
    )
    assert job.status == "SUCCESSFUL", job.traceback
    assert len(job.worker_ids) == 2 and job.worker_ids[0] != job.worker_ids[1]
    return job


def test_a_mail_job_killed_after_its_first_mail_sends_each_mail_exactly_once(world, workers):
    recipients = [world.user("prefecture_officer"), world.user("regional_officer")]
    messages = [
        Message.objects.create(recipient=user, title=f"请处理 {n}", email_route=EmailMode.IMMEDIATE)
        for n, user in enumerate(recipients)
    ]
    result = send_message_emails.enqueue([m.pk for m in messages])

    job = _killed_then_finished_by_another(workers, result)

    mails = sorted((workers.dir / "mail").iterdir())
    assert len(mails) == 2  # the first before the kill, the second by the other worker; none twice
    texts = [path.read_text(errors="replace") for path in mails]
    assert sum(recipients[0].email in text for text in texts) == 1
    assert sum(recipients[1].email in text for text in texts) == 1
    assert all(m.emailed_at for m in Message.objects.filter(pk__in=[m.pk for m in messages]))
    assert MailClaim.objects.filter(sent_at__isnull=False).count() == 2
    assert job.return_value == 1  # the re-run sent only the mail the dead worker had not


def test_the_daily_audit_check_killed_before_it_was_marked_done_anchors_and_tells_once(world, workers):
    admin = world.user("audit_admin")
    result = jobs.run_then_block.enqueue("apps.audit.tasks.verify_chain_daily")

    _killed_then_finished_by_another(workers, result)

    anchors = (workers.dir / "chain-head.log").read_text().splitlines()
    assert len(anchors) == 1
    assert Message.objects.filter(recipient=admin, title__contains=str(timezone.localdate())).count() == 1
    assert CheckOutcome.objects.get(name="audit.verify_chain").ok


def test_closing_calls_killed_before_it_was_marked_done_closes_and_audits_once(world, workers):
    call = published_call(
        applications_open=timezone.localdate() - datetime.timedelta(days=30),
        applications_close=timezone.localdate() - datetime.timedelta(days=1),
    )
    messages_before = Message.objects.count()
    result = jobs.run_then_block.enqueue("apps.calls.tasks.close_due_calls")
    workers.close_gate()
    first = workers.start()
    workers.wait_for(workers.inside, "the first worker to close the call")
    closed_messages = Message.objects.count() - messages_before
    workers.kill(first)
    workers.open_gate()
    workers.start()
    job = workers.wait_for(lambda: (row := _job(result.id)).status == "SUCCESSFUL" and row, "the job to finish")

    call.refresh_from_db()
    assert call.status == Call.Status.APPLICATIONS_CLOSED
    assert AuditEntry.objects.filter(action="call.close_applications").count() == 1
    assert Message.objects.count() - messages_before == closed_messages
    assert job.return_value == 0  # the re-run found nothing to close
