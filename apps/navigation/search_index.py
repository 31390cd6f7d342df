"""The prior-art search index of a dataset (BM25 over segmented Chinese text, `search.py`): scheduling its build.

`enqueue_build(dataset)`: called by the import when a new dataset version is in place (inside its transaction);
when the transaction commits, the worker's `tasks_search.build_index(dataset_id, version)` is enqueued for the
version the dataset then has (read again after the commit: the caller's object may be older). Nothing is enqueued
if the transaction rolls back. The job claims the build with a conditional UPDATE (`services_search.index_build`),
so enqueuing twice builds once."""

from django.db import transaction

JOB = "apps.navigation.tasks_search.build_index"  # by name: the task module imports the services, not this one


def enqueue_build(dataset) -> None:
    """Schedule the index build of `dataset`'s current version (on commit)."""
    dataset_id = dataset.pk
    transaction.on_commit(lambda: enqueue_now(dataset_id))


def enqueue_now(dataset_id: int) -> None:
    from django.utils.module_loading import import_string

    from .models import LandscapeDataset

    version = LandscapeDataset.objects.filter(pk=dataset_id).values_list("version", flat=True).first()
    if version:
        import_string(JOB).enqueue(dataset_id, version)
