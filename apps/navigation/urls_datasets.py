"""The navigation home, landscape datasets and their imports (views_datasets.py)."""

from django.urls import path

from . import views_datasets as views

urlpatterns = [
    path("", views.home, name="home"),
    path("centers/<int:center_pk>/", views.center_datasets, name="center"),
    path("centers/<int:center_pk>/datasets/new/", views.dataset_create, name="dataset_create"),
    path("datasets/<int:pk>/", views.dataset_detail, name="dataset"),
    path("datasets/<int:pk>/edit/", views.dataset_edit, name="dataset_edit"),
    path("datasets/<int:pk>/upload/", views.dataset_upload, name="dataset_upload"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("imports/<int:pk>/errors.csv", views.import_errors, name="import_errors"),
]
