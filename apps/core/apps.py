from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = "core"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)

        # Each app declares its menu entries in nav.py; collecting them here keeps base.html free of app knowledge.
        autodiscover_modules("nav")
