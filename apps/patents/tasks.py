"""The patents' background jobs (django-tasks, run by `manage.py run_worker`)."""

from django_tasks import task


@task()
def run_import(batch_id: int) -> str:
    """Check and write one confirmed import (`imports.import_run`); enqueued by `imports.import_confirm` when its
    transaction commits. Returns the batch's final status. Running it twice does nothing the second time (the batch
    is claimed QUEUED → RUNNING by a conditional UPDATE)."""
    from apps.core import request_context

    from .imports import import_run

    with request_context.acting_as(source="task"):
        return import_run(batch_id).status
