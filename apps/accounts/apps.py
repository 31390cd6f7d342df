from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from datetime import timedelta

        from apps.core import schedules

        from . import receivers  # noqa: F401  (audit of logins and logouts)

        schedules.register(
            "accounts.purge_security_counters",
            "apps.accounts.tasks.purge_expired_security_counters",
            timedelta(hours=6),
        )
