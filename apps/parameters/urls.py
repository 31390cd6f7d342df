from django.urls import path

from . import views

app_name = "parameters"
urlpatterns = [
    path("", views.parameter_list, name="list"),
    path("<str:key>/", views.parameter_edit, name="edit"),
]
