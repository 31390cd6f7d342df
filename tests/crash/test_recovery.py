"""The kernel's recovery of jobs whose worker died (apps/core/recovery.py), in-process: which RUNNING jobs count as
orphans, the conditional UPDATE that lets one tick win, the limit of attempts and what /health/ shows then."""

import datetime

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from apps.core import clock, health, recovery
from apps.core.management.commands import run_worker
from apps.core.tasks import purge_spent_tokens

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)


def _running(worker_ids: list[str], started_at: datetime.datetime) -> DBTaskResult:
    result = purge_spent_tokens.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", worker_ids=worker_ids, started_at=started_at)
    return DBTaskResult.objects.get(pk=result.id)


def test_the_job_of_a_worker_that_stopped_beating_is_queued_again_once():
    now = clock.real_now()
    stale = recovery.stale_after()
    health.beat("dead:1", now - stale - SECOND)
    job = _running(["dead:1"], now - stale - SECOND)
    assert recovery.requeue_orphans(now) == {"requeued": [str(job.pk)], "failed": []}
    assert recovery.requeue_orphans(now) == {"requeued": [], "failed": []}  # a second worker's tick: nothing
    job.refresh_from_db()
    assert job.status == "READY" and job.started_at is None and job.worker_ids == ["dead:1"]


def test_a_job_without_a_heartbeat_row_is_an_orphan_but_a_live_or_new_one_is_not():
    now = clock.real_now()
    stale = recovery.stale_after()
    health.beat("alive:2", now)
    never_beat = _running(["gone:3"], now - stale - SECOND)
    alive = _running(["alive:2"], now - stale * 10)  # a long import: its worker still beats
    just_claimed = _running(["starting:4"], now)  # its worker may not have beaten yet
    assert recovery.requeue_orphans(now)["requeued"] == [str(never_beat.pk)]
    assert DBTaskResult.objects.get(pk=alive.pk).status == "RUNNING"
    assert DBTaskResult.objects.get(pk=just_claimed.pk).status == "RUNNING"


@override_settings(JOB_MAX_ATTEMPTS=2, WORKER_STALE_AFTER_SECONDS=5)
def test_a_job_whose_worker_died_at_every_attempt_is_given_up_and_health_says_so(client):
    now = clock.real_now()
    job = _running(["dead:1", "dead:2"], now - 6 * SECOND)
    assert recovery.requeue_orphans(now) == {"requeued": [], "failed": [str(job.pk)]}
    job.refresh_from_db()
    assert job.status == "FAILED"
    assert job.exception_class_path == "apps.core.recovery.WorkerLost"
    assert "dead:2" in job.traceback
    body = client.get("/health/").json()
    assert body["checks"]["jobs"]["status"] == "failed"
    assert "jobs" in body["failed"]


def test_the_worker_tick_requeues_and_its_identity_is_a_valid_worker_id():
    now = clock.real_now()
    job = _running(["dead:9"], now - recovery.stale_after() - SECOND)
    run_worker.tick("alive:1", now=now)
    assert DBTaskResult.objects.get(pk=job.pk).status == "READY"
    assert 0 < len(run_worker.identity()) <= 64
