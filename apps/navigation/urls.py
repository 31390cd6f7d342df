"""Patent navigation's pages: /navigation/… (one block per part, each block owned by its views module)."""

from . import urls_datasets, urls_reports, urls_search

app_name = "navigation"

urlpatterns = [
    *urls_datasets.urlpatterns,  # the home, datasets, imports (upload, progress, bad rows)
    *urls_reports.urlpatterns,  # navigation reports: scope, charts, the patents behind a figure, .docx, sharing
    *urls_search.urlpatterns,  # prior-art search (from a dataset or a disclosure)
]
