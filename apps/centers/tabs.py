"""The tab bar of a center's pages (`centers/base_center.html`): one line per part.

A part adds its tab here (or fixes its URL name) with one line; its pages extend `centers/base_center.html` and pass
`center` and `tab` (the tab's key) in their context:

    return render(request, "centers/contract_detail.html", {"center": center, "tab": "contract", …})

A tab whose URL does not exist yet is shown disabled. Every tab takes the center's pk as its only argument."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Tab:
    key: str
    label: object
    url_name: str
    icon: str = ""

    def url(self, center) -> str:
        try:
            return reverse(self.url_name, args=[center.pk])
        except NoReverseMatch:
            return ""


TABS = [
    Tab("home", _("Overview"), "centers:detail", "house"),
    Tab("contract", _("Contract"), "centers:contract", "file-earmark-text"),  # contract part
    Tab("funding", _("Funding"), "centers:funding", "cash-coin"),  # funding ledger part
    Tab("office", _("Office and council"), "centers:office", "people"),  # office and IP council part
    Tab("changes", _("Changes and termination"), "centers:changes", "arrow-left-right"),  # changes and termination part
    Tab("supervision", _("Supervision"), "centers:supervision", "clipboard-check"),  # supervision part
    # The patents app (above centers) names its pages here by URL name only: no import goes up.
    Tab("patents", _("Patents"), "patents:portfolio", "award"),  # patents: portfolio, assessment, grading, use
    Tab("kpi", _("KPI achievement"), "patents:kpi", "speedometer2"),  # patents: the KPI engine (Art. 16)
    Tab(
        "navigation", _("Patent navigation"), "navigation:center", "compass"
    ),  # navigation: datasets, reports (Art. 13(2))
    Tab("reports", _("Annual reports"), "reports:center", "journal-text"),  # reports: annual work reports (Art. 14)
    Tab("evaluations", _("Evaluations"), "evaluations:center", "clipboard-data"),  # evaluations (Art. 15–17)
    Tab("showcases", _("Good practice"), "bureau:center_showcases", "award"),  # bureau: showcases (Art. 5(5))
    Tab("warning", _("KPI early warning"), "monitoring:center", "exclamation-triangle"),  # monitoring (issue 21)
]
