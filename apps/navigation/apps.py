from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NavigationConfig(AppConfig):
    name = "apps.navigation"
    label = "navigation"
    verbose_name = _("Patent navigation")

    def ready(self):
        # Each part registers what it plugs into below this line (attachments' owners, the audit's confidential
        # fields, the disclosure page's prior-art panel).

        # --- datasets: imports whose worker died are taken over (import_recovery)
        from apps.core import schedules

        from .import_recovery import CHECK_EVERY

        schedules.register("navigation.reclaim_imports", "apps.navigation.tasks.reclaim_stale_imports", CHECK_EVERY)

        # --- prior-art search: the trail's confidential text of a search, the panel on a disclosure's page
        from .services_search import register_confidential as register_search_confidential
        from .views_search import register_panel as register_search_panel

        register_search_confidential()
        register_search_panel()
