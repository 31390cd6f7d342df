"""The tasks part's periodic job (registered in `BureauConfig.ready()` through `apps.core.schedules`)."""

from django_tasks import task


@task()
def remind_and_flag_daily() -> int:
    """Once a day: open task parts reminded before their deadline and flagged once past it (Art. 6(3);
    `services_tasks.remind_and_flag`)."""
    from .services_tasks import remind_and_flag

    done = remind_and_flag()
    return len(done["reminded"]) + len(done["flagged"])
