"""/health/ (mounted at the root by config/urls.py; answered early by middleware.HealthProbeMiddleware)."""

from django.urls import path

from . import views_health

app_name = "health"
urlpatterns = [
    path("", views_health.health, name="check"),
]
