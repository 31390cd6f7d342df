"""Imports whose worker died (import_recovery.py): a job that stopped dead mid-file (as under SIGKILL: nothing after
the claim ran) is queued again once and then completes as one run would; twice dead, it fails with a Chinese message
and the dataset returns to its version in force; a job still giving signs of life is left alone; a takeover happens
once however often the check runs."""

from datetime import date, timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from apps.audit.models import AuditEntry
from apps.core import clock, schedules
from apps.navigation import import_recovery, landscape_import, services_datasets
from apps.navigation.models import LandscapeDataset, LandscapeImport
from apps.navigation.tests.builders import center_of
from apps.navigation.tests.landscape_files import item, jsonl
from apps.navigation.tests.test_import_services import rows
from apps.notifications.models import Message

pytestmark = pytest.mark.django_db
Status = LandscapeImport.Status


@pytest.fixture
def setup(world):
    center = center_of(world)
    user = world.user("unit_admin")
    dataset = services_datasets.dataset_create(
        user, center, name="稀土永磁", source="incoPat", cutoff_date=date(2026, 6, 30)
    )
    return dataset, user


class WorkerKilled(BaseException):
    """What a killed worker leaves: the job's code stops where it is; no except or finally of ours handles it."""


def _dies_mid_file(monkeypatch):
    def killed(*args, **kwargs):
        raise WorkerKilled

    monkeypatch.setattr(landscape_import, "merge", killed)


def _queued(setup, tmp_path, name="a.jsonl"):
    dataset, user = setup
    return services_datasets.import_register_path(user, dataset, jsonl(tmp_path / name, [item(1), item(2)]))


def _run_and_die(queued, monkeypatch):
    _dies_mid_file(monkeypatch)
    with pytest.raises(WorkerKilled):
        landscape_import.run_import(queued.pk)
    monkeypatch.undo()
    queued.refresh_from_db()
    assert queued.status == Status.RUNNING and queued.heartbeat_at is not None
    return queued


def _later(landscape_import_row, minutes):
    return landscape_import_row.heartbeat_at + timedelta(minutes=minutes)


def _jobs_for(import_id) -> int:
    return DBTaskResult.objects.filter(
        task_path="apps.navigation.tasks.run_landscape_import", args_kwargs__args=[import_id]
    ).count()


def test_a_dead_import_is_queued_again_once_and_then_completes(
    setup, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    dataset, _user = setup
    queued = _run_and_die(_queued(setup, tmp_path), monkeypatch)
    dataset.refresh_from_db()
    assert dataset.status == LandscapeDataset.Status.IMPORTING and dataset.version == 0

    assert import_recovery.reclaim_stale(now=_later(queued, 14)) == {"requeued": [], "failed": []}  # still in time
    with django_capture_on_commit_callbacks(execute=True):
        taken = import_recovery.reclaim_stale(now=_later(queued, 16))
    assert taken == {"requeued": [queued.pk], "failed": []}
    assert _jobs_for(queued.pk) == 1
    with django_capture_on_commit_callbacks(execute=True):  # the check runs again: nothing more to take over
        assert import_recovery.reclaim_stale(now=_later(queued, 30)) == {"requeued": [], "failed": []}
    assert _jobs_for(queued.pk) == 1
    assert AuditEntry.objects.filter(action="navigation.import.requeued").count() == 1

    done = landscape_import.run_import(queued.pk)  # what the enqueued job runs
    assert done.status == Status.DONE and done.attempts == 2 and done.added == 2
    dataset.refresh_from_db()
    assert dataset.version == 1 and dataset.status == LandscapeDataset.Status.READY
    assert [r["key"] for r in rows(dataset, "key")] == sorted(r["key"] for r in rows(dataset, "key"))
    assert len(rows(dataset, "key")) == 2


def test_twice_dead_it_fails_in_chinese_and_the_dataset_keeps_its_version(
    setup, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    dataset, user = setup
    first = landscape_import.run_import(_queued(setup, tmp_path, "first.jsonl").pk)  # version 1 in force
    assert first.status == Status.DONE
    queued = _run_and_die(_queued(setup, tmp_path, "second.jsonl"), monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        import_recovery.reclaim_stale(now=_later(queued, 16))
    again = _run_and_die(LandscapeImport.objects.get(pk=queued.pk), monkeypatch)
    assert again.attempts == 2

    with django_capture_on_commit_callbacks(execute=True):
        taken = import_recovery.reclaim_stale(now=_later(again, 16))
    assert taken == {"requeued": [], "failed": [queued.pk]}
    again.refresh_from_db()
    assert again.status == Status.FAILED and "处理进程" in again.message and "2" in again.message
    dataset.refresh_from_db()
    assert dataset.status == LandscapeDataset.Status.READY and dataset.version == 1
    assert len(rows(dataset, "key")) == 2  # the version in force reads as before
    assert Message.objects.filter(recipient=user).exists()
    assert import_recovery.reclaim_stale(now=_later(again, 60)) == {"requeued": [], "failed": []}


def test_a_running_import_with_signs_of_life_is_left_alone(setup, tmp_path):
    queued = _queued(setup, tmp_path)
    LandscapeImport.objects.filter(pk=queued.pk).update(
        status=Status.RUNNING, heartbeat_at=clock.real_now(), attempts=1
    )
    assert import_recovery.reclaim_stale() == {"requeued": [], "failed": []}
    assert LandscapeImport.objects.get(pk=queued.pk).status == Status.RUNNING


def test_progress_is_a_sign_of_life(setup, tmp_path):
    queued = _queued(setup, tmp_path)
    long_ago = clock.real_now() - timedelta(hours=1)
    LandscapeImport.objects.filter(pk=queued.pk).update(status=Status.RUNNING, heartbeat_at=long_ago)
    landscape_import.Progress(queued.pk).set(5)
    queued.refresh_from_db()
    assert queued.rows_read == 5 and queued.heartbeat_at > long_ago + timedelta(minutes=59)
    assert import_recovery.reclaim_stale() == {"requeued": [], "failed": []}


def test_the_check_is_a_periodic_job():
    found = {s.name: s for s in schedules.registered()}
    assert found["navigation.reclaim_imports"].task_path == "apps.navigation.tasks.reclaim_stale_imports"
    assert found["navigation.reclaim_imports"].every == import_recovery.CHECK_EVERY < import_recovery.STALE_AFTER
