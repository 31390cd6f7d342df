"""The grading part's periodic job (registered in `PatentsConfig.ready()` through `apps.core.schedules`)."""

from django_tasks import task


@task()
def send_regrading_reminders() -> int:
    """Daily: each running center whose patents are due for re-grading (latest grading a year old or more) gets a
    task for its lead unit, once per center and year (`grading.send_regrading_reminders`)."""
    from .grading import send_regrading_reminders as send

    return len(send())
