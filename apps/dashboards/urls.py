from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("centers/<int:pk>/", views.center, name="center"),
]
