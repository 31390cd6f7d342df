from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("<int:pk>/approve/", views.organization_approve, name="approve"),
    path("<int:pk>/reject/", views.organization_reject, name="reject"),
    path("<int:pk>/integrity/", views.integrity_add, name="integrity_add"),
    path("<int:pk>/integrity/<int:record_pk>/remove/", views.integrity_remove, name="integrity_remove"),
]
