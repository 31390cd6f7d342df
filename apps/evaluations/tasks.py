"""The evaluations' periodic job (registered in `hooks_consequences.connect` through `apps.core.schedules`)."""

from django_tasks import task


@task()
def send_reminders() -> int:
    """Several times a day: the reminders on evaluation rectifications' deadlines due today and never sent
    (`reminders`), each once."""
    from .reminders import send

    return len(send())
