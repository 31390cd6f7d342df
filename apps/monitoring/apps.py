from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "apps.monitoring"
    label = "monitoring"
    verbose_name = _("KPI early warning")

    def ready(self):
        from apps.core import schedules

        from . import rules, workflow  # noqa: F401  (the flag's workflow registers itself)

        schedules.register("monitoring.refresh_flags", "apps.monitoring.jobs.refresh_weekly", rules.EVERY)
