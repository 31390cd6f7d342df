"""Patent navigation's background jobs (django-tasks, run by the worker). This module holds the landscape import;
the other parts add theirs in `tasks_<part>.py`."""

from django_tasks import task


@task()
def run_landscape_import(import_id: int) -> str:
    """Read, check and merge one queued landscape import (`landscape_import.run_import`); enqueued by
    `services_datasets.import_upload` when its transaction commits. Returns the import's final status. Running it
    twice does nothing the second time (the import is claimed QUEUED → RUNNING by a conditional UPDATE)."""
    from apps.core import request_context

    from .landscape_import import run_import

    with request_context.acting_as(source="task"):
        return run_import(import_id).status


@task()
def reclaim_stale_imports() -> dict:
    """The periodic takeover of imports whose worker died (`import_recovery.reclaim_stale`)."""
    from apps.core import request_context

    from .import_recovery import reclaim_stale

    with request_context.acting_as(source="task"):
        return reclaim_stale()
