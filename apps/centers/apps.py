from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentersConfig(AppConfig):
    name = "apps.centers"
    label = "centers"
    verbose_name = _("Cultivation centers")

    def ready(self):
        # --- center: the approval creates the center (applications.signals.application_approved); its table
        from . import confidential, receivers, workflow  # noqa: F401

        confidential.register()  # what the audit administrator must not read (apps.audit.confidential)

        # --- funding ledger and office: their files (vouchers, office evidence, council minutes)
        from .owners_funding import register_owners as register_funding_owners

        register_funding_owners()

        # --- contract: its transition table (docs/workflows.md) and both parties' signed scans of a version
        from . import workflow_contract  # noqa: F401
        from .owners_contract import register_owners as register_contract_owners

        register_contract_owners()

        # --- changes and termination: their transition tables (docs/workflows.md) and a request's evidence
        from . import workflow_changes  # noqa: F401
        from .owners_changes import register_owners as register_changes_owners

        register_changes_owners()

        # --- supervision: the transition tables, the reports' files, the reminders (a periodic job)
        from datetime import timedelta

        from apps.core import schedules

        from . import workflow_supervision  # noqa: F401
        from .owners_supervision import register_owners as register_supervision_owners

        register_supervision_owners()
        schedules.register("centers.reminders", "apps.centers.tasks.send_reminders", timedelta(hours=6))
