from django.urls import path

from . import views, views_clock

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    # Demo time travel: 404 unless DEMO_MODE (apps/core/clock.py).
    path("demo/clock/advance/", views_clock.clock_advance, name="clock_advance"),
    path("demo/clock/reset/", views_clock.clock_reset, name="clock_reset"),
]
