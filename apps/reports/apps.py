from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "apps.reports"
    label = "reports"
    verbose_name = _("Annual work reports")

    def ready(self):
        from . import workflow  # noqa: F401  (the report's transition table, docs/workflows.md)

        # --- rcore: the evidence files of the unit's comments on figures (apps.attachments)
        from .owners import register_owners

        register_owners()

        # --- the trail: the report's text, figures, comments and opinions masked for the audit administrator
        from . import confidential

        confidential.register()

        # --- rfill: the worker — the year's reports opened from 1 January, reminders before the due date, overdue
        from datetime import timedelta

        from apps.core import schedules

        schedules.register("reports.open_year", "apps.reports.tasks.open_last_year", timedelta(days=1))
        schedules.register("reports.deadlines", "apps.reports.tasks.send_deadline_notices", timedelta(hours=6))
