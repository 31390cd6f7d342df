"""Jobs whose worker died (issue 22, docs/reliability.md "Crashes").

django-tasks-db claims a job by setting it RUNNING and appending the worker's id to `worker_ids`; it has no recovery
of its own: a job whose worker was killed (SIGKILL, OOM, a lost host) stays RUNNING forever. `run_worker` passes its
identity (host:pid, the same string its heartbeat row carries, apps/core/health.py) as db_worker's `--worker-id`, so
the last entry of `worker_ids` names the process holding the job.

Every scheduler tick of every worker calls `requeue_orphans()`: a RUNNING job is an orphan when it started more than
`stale_after()` ago and its last worker has no heartbeat newer than `stale_after()` (or no heartbeat row at all).
An orphan is put back to READY with a conditional UPDATE (`WHERE status = RUNNING AND started_at = <what we read>`),
so when several workers tick at once exactly one re-queues it, and a job that finished meanwhile is left alone. A job
already claimed `max_attempts()` times is given up instead: FAILED with `WorkerLost`, and the "jobs" outcome that
/health/ reports turns failed for a day (`health.JOBS`). Both are logged (logger "apps.core.recovery").

The re-run is safe because every job is (each job's own docstring says how: mails claim an idempotency key before
sending, announcements have a unique key, closings and checks are conditional UPDATEs).

Timeouts (settings, seconds; defaults for production):
- `WORKER_STALE_AFTER_SECONDS` = 180: six missed 30 s ticks (health.WORKER_STALE_AFTER). A live worker beats from
  its scheduler thread even while its main thread runs a long import, so a long job is never taken for an orphan.
- `JOB_MAX_ATTEMPTS` = 3: a job that kills its worker every time (say, out of memory) stops after three claims.
"""

import datetime
import logging

from django.conf import settings
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import clock, health
from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 3


class WorkerLost(Exception):
    """The worker running this job stopped beating (killed, crashed) too many times: the job was given up."""


def stale_after() -> datetime.timedelta:
    """How long without a heartbeat before a worker counts as dead (`WORKER_STALE_AFTER_SECONDS`, default 180 s)."""
    seconds = getattr(settings, "WORKER_STALE_AFTER_SECONDS", None)
    return datetime.timedelta(seconds=seconds) if seconds is not None else health.WORKER_STALE_AFTER


def max_attempts() -> int:
    """How many times a job may be claimed before it is given up (`JOB_MAX_ATTEMPTS`, default 3)."""
    return int(getattr(settings, "JOB_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS))


def orphans(now: datetime.datetime) -> list[dict]:
    """The RUNNING jobs whose last worker has not beaten since `now - stale_after()`, started before that too:
    [{"id", "task_path", "worker_ids", "started_at"}]. Two queries."""
    cutoff = now - stale_after()
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff).values(
            "id", "task_path", "worker_ids", "started_at"
        )
    )
    if not running:
        return []
    holders = {job["worker_ids"][-1] for job in running if job["worker_ids"]}
    alive = set(
        WorkerHeartbeat.objects.filter(identity__in=holders, beat_at__gte=cutoff).values_list("identity", flat=True)
    )
    return [job for job in running if not job["worker_ids"] or job["worker_ids"][-1] not in alive]


def requeue_orphans(now: datetime.datetime | None = None) -> dict[str, list[str]]:
    """Re-queue (or give up) every orphaned job; returns {"requeued": [job ids], "failed": [job ids]} of the jobs
    this call won (another worker's concurrent tick wins the others)."""
    now = now or clock.real_now()
    done: dict[str, list[str]] = {"requeued": [], "failed": []}
    for job in orphans(now):
        unchanged = DBTaskResult.objects.filter(
            pk=job["id"], status=TaskResultStatus.RUNNING, started_at=job["started_at"]
        )
        attempts = len(job["worker_ids"])
        holder = job["worker_ids"][-1] if job["worker_ids"] else "?"
        if attempts >= max_attempts():
            won = unchanged.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=(
                    f"WorkerLost: the worker {holder} stopped beating while running this job; "
                    f"given up after {attempts} attempts (JOB_MAX_ATTEMPTS={max_attempts()})."
                ),
                return_value=None,
            )
            if won:
                done["failed"].append(str(job["id"]))
                health.report_check(health.JOBS, ok=False, now=now)
                logger.error(
                    "Job %s (%s) given up after %s attempts: worker %s lost",
                    job["id"],
                    job["task_path"],
                    attempts,
                    holder,
                )
        else:
            won = unchanged.update(status=TaskResultStatus.READY, started_at=None)
            if won:
                done["requeued"].append(str(job["id"]))
                logger.warning(
                    "Job %s (%s) re-queued (attempt %s ended): worker %s stopped beating",
                    job["id"],
                    job["task_path"],
                    attempts,
                    holder,
                )
    return done
