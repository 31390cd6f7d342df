"""The KPI early warning's periodic job (registered in `MonitoringConfig.ready()` through `apps.core.schedules`,
every `rules.EVERY`: a week)."""

from django_tasks import task


@task()
def refresh_weekly() -> int:
    """Once a week: every center under construction assessed, its flag raised, refreshed, reopened or resolved
    (`services.refresh_all`). Returns the number of centers whose flag changed state or was raised."""
    from .services import refresh_all

    done = refresh_all()
    return sum(len(done.get(key, [])) for key in ("raised", "changed", "reopened", "resolved"))
