"""The annual work reports' pages: /reports/… (one block per part, each block owned by its views module)."""

from django.urls import path

app_name = "reports"

urlpatterns = []

# --- reports (views.py): lists, one report, writing, comments on figures, transitions, versions, reporting years
from . import views  # noqa: E402

urlpatterns += [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/refresh/", views.report_refresh, name="refresh"),
    path("<int:pk>/comments/<str:key>/", views.figure_comment, name="comment"),
    path("<int:pk>/act/<str:action>/", views.report_act, name="act"),
    path("<int:pk>/versions/", views.version_compare, name="versions"),
    path("center/<int:center_pk>/", views.center_reports, name="center"),
    path("years/", views.year_list, name="years"),
    path("years/<int:year>/", views.year_edit, name="year"),
]

# --- exports (views_exports.py): one report as .docx and PDF, a year's reports as .zip and the .xlsx summary
from . import views_exports  # noqa: E402

urlpatterns += [
    path("<int:pk>/report.docx", views_exports.report_docx, name="docx"),
    path("<int:pk>/report.pdf", views_exports.report_pdf, name="pdf"),
    path("years/<int:year>/reports.zip", views_exports.year_zip, name="year_zip"),
    path("years/<int:year>/summary.xlsx", views_exports.year_xlsx, name="year_xlsx"),
]
