from django.urls import path

from . import views

app_name = "attachments"
urlpatterns = [
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("organization/<int:pk>/", views.owner_files, name="owner_files"),
    path("upload/<str:owner>/<int:owner_id>/", views.upload, name="upload"),
]
