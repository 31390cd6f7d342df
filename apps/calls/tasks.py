from django_tasks import task


@task()
def close_due_calls() -> int:
    """Hourly: calls whose application window is over move to 'applications closed' and the prefecture offices
    are told to recommend (the window itself is enforced on every request regardless)."""
    from .services import call_close_due

    return len(call_close_due())
