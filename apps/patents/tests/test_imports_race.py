"""The import at once, on PostgreSQL with real connections (issue 16, "Import semantics"):

- two uploads for the same center at the same moment: one opens the import, the other is refused in Chinese (the
  center's row lock in `imports.import_upload`, and the partial unique constraint behind it);
- two confirmations of the same batch at once: one queues it and enqueues the job once, the other is refused;
- the progress the job writes during the write phase — inside the one write transaction — goes through the second,
  autocommit connection (`imports.Progress`), so another connection sees it while the patents themselves are not
  visible yet (all-or-nothing).

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/hvp_importrace."""

import threading

import pytest
from django.db import connection

from apps.patents import imports
from apps.patents.models import ImportBatch, Patent
from tests.concurrency import AsShown, race

from .imports_setup import center, incopat

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
Status = ImportBatch.Status


def _in_another_connection(read):
    """`read()` run in a thread of its own, so on a connection of its own (not inside this thread's transaction)."""
    out = {}

    def run():
        try:
            out["value"] = read()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return out["value"]


@pytest.fixture
def world_():
    from apps.reference.services import ensure_reference_data
    from tests.world import build_world

    ensure_reference_data()  # transactional tests flush the data-migration rows
    return build_world()


def test_two_uploads_at_once_for_one_center_one_wins_the_other_is_refused_in_chinese(world_):
    user = world_.user("unit_admin")
    c = center(world_)
    files = [incopat(2, name="first.xlsx"), incopat(3, name="second.xlsx")]

    messages = []
    shown = AsShown(type(c), c.pk)
    results = race(lambda file, c: imports.import_upload(user, c, file), [(f, shown) for f in files], messages=messages)

    assert results == ["ok", "open_import"], results
    assert len(messages) == 1 and "另一项导入" in messages[0], messages
    assert ImportBatch.objects.filter(center=c, status__in=ImportBatch.OPEN).count() == 1


def test_two_confirmations_at_once_queue_the_import_and_enqueue_the_job_once(world_):
    from django_tasks_db.models import DBTaskResult

    user = world_.user("unit_admin")
    batch = imports.import_upload(user, center(world_), incopat(2))

    messages = []
    shown = AsShown(ImportBatch, batch.pk)
    results = race(imports.import_confirm, [(user, shown), (user, shown)], messages=messages)

    assert results == ["not_preview", "ok"], results
    assert len(messages) == 1 and "未再次启动" in messages[0], messages
    assert ImportBatch.objects.get(pk=batch.pk).status == Status.QUEUED
    jobs = DBTaskResult.objects.filter(task_path="apps.patents.tasks.run_import", args_kwargs__args=[batch.pk])
    assert jobs.count() == 1


def test_the_write_phase_progress_is_seen_by_another_connection_before_the_commit(world_, monkeypatch):
    monkeypatch.setattr(imports.rules, "IMPORT_BATCH_ROWS", 2)
    user = world_.user("unit_admin")
    c = center(world_)
    batch = imports.import_upload(user, c, incopat(5))
    imports.import_confirm(user, batch)
    seen = []

    def look(done):
        assert connection.in_atomic_block  # the write transaction is open
        seen.append(
            (
                done,
                _in_another_connection(
                    lambda: (
                        ImportBatch.objects.values_list("status", "phase", "rows_done", "rows_in_file").get(
                            pk=batch.pk
                        ),
                        Patent.objects.filter(center=c).count(),
                    )
                ),
            )
        )

    outcome = imports.import_run(batch.pk, on_chunk=look)

    assert outcome.status == Status.DONE
    assert seen == [
        (2, (("running", "write", 2, 5), 0)),
        (4, (("running", "write", 4, 5), 0)),
        (5, (("running", "write", 5, 5), 0)),
    ]
    batch.refresh_from_db()
    assert (batch.status, batch.phase, batch.rows_done, batch.created_count) == (Status.DONE, "", 5, 5)
    assert Patent.objects.filter(center=c).count() == 5
