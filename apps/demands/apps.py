from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    name = "apps.demands"
    label = "demands"
    verbose_name = _("Demand pool")

    def ready(self):
        from apps.accounts import conflicts

        from . import confidential, policies, selectors, services

        confidential.register()  # what the audit administrator must not read (apps.audit.confidential)

        # A conflict of interest found after assignment (the expert's declaration, affiliation or former employer)
        # excludes the expert's open arguments at once (apps.accounts.conflicts knows no demand).
        conflicts.register_assignments(
            "demands.argument",
            open_for=selectors.open_arguments,
            parties=lambda argument: policies.conflict_parties(argument.demand),
            exclude=services.argument_exclude,
        )
