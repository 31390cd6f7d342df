from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatentsConfig(AppConfig):
    name = "apps.patents"
    label = "patents"
    verbose_name = _("Patent portfolio")

    def ready(self):
        # --- assessment: the disclosure's transition table (docs/workflows.md), its files, the trail's
        # confidential fields and the panel on a patent's page
        from . import workflow_assessment  # noqa: F401
        from .assessment import register_confidential as register_assessment_confidential
        from .owners_assessment import register_owners as register_assessment_owners
        from .views_assessment import register_panel as register_assessment_panel

        register_assessment_owners()
        register_assessment_confidential()
        from . import confidential

        confidential.register()  # a grading's scores and override reason (apps.audit.confidential)
        register_assessment_panel()

        # --- kpi: the evidence of self-reported KPI values
        from .owners_kpi import register_owners as register_kpi_owners

        register_kpi_owners()

        # --- grading: the grading panel on a patent's page, the annual re-grading job
        from datetime import timedelta

        from apps.core import schedules

        from .detail_panels import Panel
        from .detail_panels import register as register_detail_panel
        from .views_grading import panel_context as grading_panel_context

        register_detail_panel(Panel("grading", "patents/grading/panel.html", grading_panel_context, order=20))
        schedules.register(
            "patents.regrading", "apps.patents.tasks_grading.send_regrading_reminders", timedelta(days=1)
        )

        # --- imports: the uploaded file of an import (kind "source", its own size and type limits)
        from .owners_imports import register_owners as register_import_owners

        register_import_owners()

        # --- utilization and standards: the evidence of events, standards and alliances; their panels on a
        # patent's page
        from .detail_panels import Panel as UtilizationPanel
        from .detail_panels import register as register_utilization_panel
        from .owners_utilization import register_owners as register_utilization_owners
        from .views_standards import patent_panel as standards_panel
        from .views_utilization import patent_panel as utilization_panel

        register_utilization_owners()
        register_utilization_panel(
            UtilizationPanel("utilization", "patents/utilization/panel.html", utilization_panel, order=30)
        )
        register_utilization_panel(
            UtilizationPanel("standards", "patents/standards/panel.html", standards_panel, order=40)
        )
