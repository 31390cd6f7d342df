"""The centers' periodic jobs (registered in `CentersConfig.ready()` through `apps.core.schedules`)."""

from django_tasks import task


@task()
def send_reminders() -> int:
    """Several times a day: the reminders due today that were never sent (tranches, term end, inspections and
    acceptances, overdue items; `reminders`), each once."""
    from .reminders import send

    return len(send())
