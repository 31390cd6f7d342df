"""The evaluations' URLs, one block per part (each part's views module owns its block)."""

from . import urls_consequences, urls_dossier, urls_rounds, urls_scoring, urls_systems

app_name = "evaluations"

urlpatterns = [
    *urls_rounds.urlpatterns,  # rounds: list, new, detail, edit, scope, transitions
    *urls_systems.urlpatterns,  # indicator systems: versions, areas, indicators, vetoes
    *urls_scoring.urlpatterns,  # an evaluation: detail, scores, participation, vetoes, submit / return / confirm
    *urls_dossier.urlpatterns,  # the dossier (page, .docx, PDF) and a center's evaluations tab
    *urls_consequences.urlpatterns,  # support, rectification, re-evaluation, excuse, delisting
]
