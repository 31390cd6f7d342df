"""What /health/ checks, and the stamps it reads (issue 14): the database answers, a worker beat recently, the
audit chain's daily verification ran recently and found the chain intact.

- The worker: every scheduler tick of `manage.py run_worker` (about every 30 s) calls `beat()` after the schedules
  went through; one row per worker process (host:pid), so several workers never contend for one row.
- A periodic self-check reports its outcome with `report_check(name, ok=...)` (the audit chain: `apps/audit/tasks.py`
  `verify_chain_daily` with `AUDIT_CHAIN`); the kernel stores it and imports no app.
- A job given up by the crash recovery (its worker died `JOB_MAX_ATTEMPTS` times, apps/core/recovery.py) turns the
  "jobs" check failed for a day.
- `status()` reads all of it in three queries and says what failed; the view (`views_health.py`) turns it into
  JSON and 200 or 503.

Times here are real time (`clock.real_now()`): a heartbeat and a daily job are infrastructure, and moving the demo
clock must not make a live worker look dead (apps/core/clock.py, "Real time stays real").
"""

import datetime

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Max

from . import clock
from .models import CheckOutcome, WorkerHeartbeat

# The scheduler thread beats every 30 s (run_worker --tick-seconds): six beats missed in a row mean the worker is
# stuck or gone, not merely busy, and a load balancer polling every 10–30 s notices within about 3.5 minutes.
WORKER_STALE_AFTER = datetime.timedelta(minutes=3)
# The audit chain is verified once a day (schedule "audit.verify_chain", apps/audit/apps.py): 24 h plus 2 h of grace
# for a worker restart or a long verification before the missing check counts as a failure.
CHAIN_CHECK_STALE_AFTER = datetime.timedelta(hours=26)
# A worker that has not beaten for a day is gone: the others' ticks delete its row.
HEARTBEAT_PRUNE_AFTER = datetime.timedelta(days=1)

AUDIT_CHAIN = "audit.verify_chain"  # the CheckOutcome the audit app writes
# The CheckOutcome the crash recovery writes (ok=False) when it gives up a job whose worker kept dying
# (apps/core/recovery.py): /health/ reports it failed for a day, long enough for the operator to look.
JOBS = "jobs.recovery"
JOBS_FAILED_SHOWN_FOR = datetime.timedelta(days=1)


def beat(identity: str, now: datetime.datetime | None = None) -> None:
    """Stamp this worker's heartbeat (a conditional UPDATE; the INSERT only on its first tick) and prune the rows
    of workers gone for a day."""
    now = now or clock.real_now()
    identity = identity[:255]
    if not WorkerHeartbeat.objects.filter(identity=identity).update(beat_at=now):
        try:
            with transaction.atomic():
                WorkerHeartbeat.objects.create(identity=identity, started_at=now, beat_at=now)
        except IntegrityError:  # a restarted process with the same host:pid, between our UPDATE and INSERT
            WorkerHeartbeat.objects.filter(identity=identity).update(beat_at=now)
    WorkerHeartbeat.objects.filter(beat_at__lt=now - HEARTBEAT_PRUNE_AFTER).delete()


def report_check(name: str, *, ok: bool, now: datetime.datetime | None = None) -> None:
    """Keep the outcome of a periodic self-check (one row per `name`) for /health/."""
    now = now or clock.real_now()
    if not CheckOutcome.objects.filter(name=name).update(ok=ok, checked_at=now):
        try:
            with transaction.atomic():
                CheckOutcome.objects.create(name=name, ok=ok, checked_at=now)
        except IntegrityError:  # two workers recorded the first outcome at once
            CheckOutcome.objects.filter(name=name).update(ok=ok, checked_at=now)


def _stamp(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def _worker(now: datetime.datetime) -> dict:
    last = WorkerHeartbeat.objects.aggregate(last=Max("beat_at"))["last"]
    if last is None:
        return {"status": "failed", "reason": "no_heartbeat"}
    age = max(0, int((now - last).total_seconds()))
    check = {"last_heartbeat": _stamp(last), "age_seconds": age}
    if now - last > WORKER_STALE_AFTER:
        return {"status": "failed", "reason": "stale", **check}
    return {"status": "ok", **check}


def _outcomes() -> dict[str, tuple[bool, datetime.datetime]]:
    """The outcomes /health/ reads, in one query."""
    rows = CheckOutcome.objects.filter(name__in=(AUDIT_CHAIN, JOBS)).values_list("name", "ok", "checked_at")
    return {name: (ok, checked_at) for name, ok, checked_at in rows}


def _audit_chain(now: datetime.datetime, outcomes: dict) -> dict:
    row = outcomes.get(AUDIT_CHAIN)
    if row is None:
        return {"status": "failed", "reason": "never_checked"}
    ok, checked_at = row
    check = {"checked_at": _stamp(checked_at), "result": "intact" if ok else "broken"}
    if not ok:
        return {"status": "failed", "reason": "broken", **check}
    if now - checked_at > CHAIN_CHECK_STALE_AFTER:
        return {"status": "failed", "reason": "stale", **check}
    return {"status": "ok", **check}


def _jobs(now: datetime.datetime, outcomes: dict) -> dict:
    """Failed for a day after the crash recovery gave up a job (its worker died `JOB_MAX_ATTEMPTS` times)."""
    row = outcomes.get(JOBS)
    if row is not None and not row[0] and now - row[1] <= JOBS_FAILED_SHOWN_FOR:
        return {"status": "failed", "reason": "job_given_up", "given_up_at": _stamp(row[1])}
    return {"status": "ok"}


def last_check(name: str) -> tuple[bool, datetime.datetime] | None:
    """(ok, checked_at) of the last outcome `report_check(name, …)` kept, or None when it never ran."""
    return CheckOutcome.objects.filter(name=name).values_list("ok", "checked_at").first()


def status() -> dict:
    """{"status": "ok" | "degraded", "checks": {name: {...}}, "failed": [names]} in at most three queries. Nothing
    in it is sensitive: no versions, host names, worker identities or counts of business rows."""
    now = clock.real_now()
    checks: dict[str, dict] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        checks["database"] = {"status": "failed", "reason": "unreachable"}
        unknown = {"status": "unknown", "reason": "database_unreachable"}
        checks["worker"] = checks["audit_chain"] = checks["jobs"] = unknown
    else:
        checks["database"] = {"status": "ok"}
        try:
            checks["worker"] = _worker(now)
        except DatabaseError:  # e.g. its table is missing: migrations not run
            checks["worker"] = {"status": "failed", "reason": "unreadable"}
        try:
            outcomes = _outcomes()
        except DatabaseError:
            checks["audit_chain"] = checks["jobs"] = {"status": "failed", "reason": "unreadable"}
        else:
            checks["audit_chain"] = _audit_chain(now, outcomes)
            checks["jobs"] = _jobs(now, outcomes)
    failed = [name for name, check in checks.items() if check["status"] == "failed"]
    result = {"status": "degraded" if failed else "ok", "checks": checks}
    if failed:
        result["failed"] = failed
    return result
