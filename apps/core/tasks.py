from django_tasks import task


@task()
def purge_spent_tokens() -> int:
    """One-time tokens older than their validity protect nothing any more (apps/core/once.py)."""
    from . import once

    return once.purge()
