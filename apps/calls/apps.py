from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "apps.calls"
    label = "calls"
    verbose_name = _("Calls")

    def ready(self):
        from datetime import timedelta

        from apps.core import schedules
        from apps.portal import registry

        from . import attachments, portal_hooks

        registry.register_section(portal_hooks.open_calls_section)
        registry.register_search(portal_hooks.search_calls)
        attachments.register()
        schedules.register("calls.close_due", "apps.calls.tasks.close_due_calls", timedelta(hours=1))
