"""The worker process: runs queued jobs (django-tasks database backend) and the periodic schedules.

Start as many as needed on the same database; each claims jobs with row locks, and schedules with a
conditional UPDATE (apps/core/schedules.py). Each tick of the scheduler thread re-queues the jobs of workers that
stopped beating (apps/core/recovery.py) and ends with this worker's heartbeat, which /health/ reads
(apps/core/health.py). The worker's identity is also its db_worker `--worker-id`, so a RUNNING job names the process
holding it."""

import os
import socket
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from apps.core import clock, health, recovery, request_context, schedules


def identity() -> str:
    """This worker process among the others: host:pid (stored only, never shown by /health/), at most 64
    characters (db_worker's `validate_worker_id`), so the heartbeat row and the job's `worker_ids` say the same."""
    pid = str(os.getpid())
    return f"{socket.gethostname()[: 63 - len(pid)]}:{pid}"


def tick(worker: str, now=None) -> list[str]:
    """One tick of the scheduler thread: enqueue the due schedules this worker wins, re-queue the jobs of dead
    workers (apps/core/recovery.py), then beat. A tick that fails leaves no heartbeat, so a scheduler that keeps
    failing shows on /health/. Returns the names enqueued."""
    now = now or clock.real_now()
    with request_context.acting_as(source="task"):
        enqueued = schedules.tick(now)
    recovery.requeue_orphans(now)
    health.beat(worker, now)
    return enqueued


class Command(BaseCommand):
    help = "Run the background worker (jobs + periodic schedules)."

    def add_arguments(self, parser):
        parser.add_argument("--tick-seconds", type=float, default=30.0)

    def handle(self, *args, **options):
        stop = threading.Event()
        interval = options["tick_seconds"]
        worker = identity()

        def scheduler():
            while not stop.is_set():
                close_old_connections()
                try:
                    for name in tick(worker):
                        self.stdout.write(f"scheduled: {name}")
                except Exception as exc:  # keep the scheduler alive; the next tick retries
                    self.stderr.write(f"scheduler tick failed: {exc!r}")
                stop.wait(interval)

        thread = threading.Thread(target=scheduler, name="scheduler", daemon=True)
        thread.start()
        try:
            call_command(
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--worker-id",
                worker,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        finally:
            stop.set()
