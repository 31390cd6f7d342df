from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = "core"

    def ready(self):
        from django.db.models.signals import pre_save

        from . import checks, text  # noqa: F401  (checks: registers system checks)

        # One text rule for every save, whoever saves (docs/reliability.md, "Text that breaks documents").
        pre_save.connect(text.normalise_on_save, dispatch_uid="apps.core.text.normalise_on_save")
        from . import inputs

        # Then lengths, date ranges, phone and e-mail formats, whoever saves ("Nothing typed is lost or dropped").
        pre_save.connect(inputs.check_on_save, dispatch_uid="apps.core.inputs.check_on_save")

        # Each app declares its menu entries in nav.py; collecting them here keeps base.html free of app knowledge.
        autodiscover_modules("nav")

        from datetime import timedelta

        from . import schedules

        # One-time form tokens and human-check answers past their validity (apps/core/once.py).
        schedules.register("core.purge_spent_tokens", "apps.core.tasks.purge_spent_tokens", timedelta(days=1))
