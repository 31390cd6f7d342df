"""The dossier (page, .docx, PDF) and a center's evaluations tab (views_dossier.py)."""

from django.urls import path

from . import views_dossier

urlpatterns = [
    path("<int:pk>/dossier/", views_dossier.dossier, name="dossier"),
    path("<int:pk>/dossier.docx", views_dossier.dossier_docx, name="dossier_docx"),
    path("<int:pk>/dossier.pdf", views_dossier.dossier_pdf, name="dossier_pdf"),
    path("centers/<int:center_pk>/", views_dossier.center, name="center"),
]
