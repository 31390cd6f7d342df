"""The sub-navigation of a center's patent pages (`patents/base_patents.html`), one line per part, like the center's
tab bar (`centers.tabs`). A part's page extends `patents/base_patents.html` with `center` and `section` (the key)
in its context; the center's tab is "patents" (or "kpi" for the KPI pages). A section whose URL does not exist yet
is shown disabled. Every section takes the center's pk as its only argument."""

from django.utils.translation import gettext_lazy as _

from apps.centers.tabs import Tab

SECTIONS = [
    Tab("portfolio", _("Portfolio"), "patents:portfolio", "collection"),  # portfolio part
    Tab("imports", _("Imports"), "patents:imports", "file-earmark-arrow-up"),  # import part
    Tab("disclosures", _("Pre-filing assessment"), "patents:disclosures", "lightbulb"),  # assessment part
    Tab("grading", _("Grading"), "patents:grading", "bar-chart-steps"),  # grading part
    Tab("utilization", _("Utilization"), "patents:utilization", "arrow-repeat"),  # utilization part
    Tab("standards", _("Standards and alliances"), "patents:standards", "diagram-3"),  # standards part
]
