"""The worker's job of prior-art search (django-tasks, run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def build_index(dataset_id: int, version: int) -> str:
    """Build the BM25 index of `version` of the dataset (`services_search.index_build`): "built", "skipped" (another
    job has it, it is built already, or the dataset moved on) or "failed". Enqueued by `search_index.enqueue_build`
    after an import, and by a lead unit's request from the search page."""
    from apps.core import request_context

    from .services_search import index_build

    with request_context.acting_as(source="task"):
        return index_build(dataset_id, version)
