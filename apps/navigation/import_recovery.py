"""Landscape imports whose worker died (a crash, a restart, SIGKILL): taken over, never left "running" for ever
with the dataset blocked (a dataset being imported refuses reports: `services_reports`).

A running import writes a sign of life (`LandscapeImport.heartbeat_at`, real time) when it is claimed and with
each progress step (`landscape_import.Progress.set`, every `PROGRESS_EVERY` rows). The periodic job
`tasks.reclaim_stale_imports` (every `CHECK_EVERY`) calls `reclaim_stale()`: each RUNNING import silent for longer
than `STALE_AFTER`
- while it has been claimed fewer than `MAX_ATTEMPTS` times, is queued again and its job enqueued: its upload is
  still on disk and the dataset's version in force is untouched (a new version is renamed into place only when
  complete, and the dataset row moves only after that), so running it again gives what one run would have;
- after that, fails with a Chinese message: the dataset returns to its version in force and the uploader is told
  (`landscape_import._finish_failed`, as any failed import).

Each takeover is a conditional UPDATE on the import's row as it was read (status RUNNING and the same heartbeat),
so of two workers checking at once only one takes an import over, and a job that comes back to life after all
finds its import no longer RUNNING-as-claimed: its own final UPDATEs then change nothing it did not own."""

import logging
import time
from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock

from .models import LandscapeImport

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=15)  # no sign of life for this long: the worker is gone
CHECK_EVERY = timedelta(minutes=5)
MAX_ATTEMPTS = 2  # claimed twice and died twice: the file itself may be what kills the worker

Status = LandscapeImport.Status


def reclaim_stale(now=None) -> dict[str, list[int]]:
    """Take over every stale running import; {"requeued": [ids], "failed": [ids]}."""
    from .landscape_import import _finish_failed

    now = now or clock.real_now()
    cutoff = now - STALE_AFTER
    done = {"requeued": [], "failed": []}
    stale = LandscapeImport.objects.filter(status=Status.RUNNING, heartbeat_at__lt=cutoff).select_related("dataset")
    for landscape_import in stale:
        as_read = LandscapeImport.objects.filter(
            pk=landscape_import.pk, status=Status.RUNNING, heartbeat_at=landscape_import.heartbeat_at
        )
        if landscape_import.attempts < MAX_ATTEMPTS:
            with transaction.atomic():
                if not as_read.update(status=Status.QUEUED, rows_read=0, heartbeat_at=None):
                    continue  # another worker took it over, or the job came back to life
                audit.record(
                    "navigation.import.requeued",
                    landscape_import,
                    after={"attempts": landscape_import.attempts, "silent_since": str(landscape_import.heartbeat_at)},
                    actor=landscape_import.created_by,
                )
                transaction.on_commit(lambda pk=landscape_import.pk: _enqueue(pk))
            done["requeued"].append(landscape_import.pk)
        else:
            if not as_read.update(heartbeat_at=now):  # ours now: nobody else fails it twice
                continue
            running_for = (now - landscape_import.started_at).total_seconds() if landscape_import.started_at else 0
            _finish_failed(
                landscape_import,
                _(
                    "The import stopped: its worker ended %(attempts)s times while reading this file. The dataset "
                    "was not changed; check the file, then upload it again."
                )
                % {"attempts": landscape_import.attempts},
                time.perf_counter() - running_for,
            )
            done["failed"].append(landscape_import.pk)
    if done["requeued"] or done["failed"]:
        logger.warning("stale landscape imports taken over: %s", done)
    return done


def _enqueue(import_id: int) -> None:
    from django.utils.module_loading import import_string

    from .services_datasets import JOB  # by name: the job module calls this one

    import_string(JOB).enqueue(import_id)
