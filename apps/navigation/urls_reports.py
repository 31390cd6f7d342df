"""Navigation reports (views_reports.py): the list of reports, a dataset's new report, one report, the patents
behind a figure, the recompute / share / delete actions and the .docx."""

from django.urls import path

from . import views_reports as views

urlpatterns = [
    path("reports/", views.report_list, name="reports"),
    path("datasets/<int:dataset_pk>/reports/new/", views.report_new, name="report_new"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/patents/", views.report_patents, name="report_patents"),
    path("reports/<int:pk>/recompute/", views.report_recompute, name="report_recompute"),
    path("reports/<int:pk>/share/", views.report_share, name="report_share"),
    path("reports/<int:pk>/delete/", views.report_delete, name="report_delete"),
    path("reports/<int:pk>/report.docx", views.report_docx, name="report_docx"),
]
