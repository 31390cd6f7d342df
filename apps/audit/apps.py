from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "apps.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from datetime import timedelta

        from apps.core import hooks, schedules

        from . import checks, services  # noqa: F401  (checks: the deploy check of the database role)

        hooks.register("recorder", services)

        schedules.register("audit.verify_chain", "apps.audit.tasks.verify_chain_daily", timedelta(days=1))
