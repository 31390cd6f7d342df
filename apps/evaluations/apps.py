from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "apps.evaluations"
    label = "evaluations"
    verbose_name = _("Performance evaluations")

    def ready(self):
        from . import workflow  # noqa: F401  (the round's and the evaluation's transition tables, docs/workflows.md)
        from .hooks import connect

        connect()
