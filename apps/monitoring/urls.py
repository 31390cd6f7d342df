from django.urls import path

from . import views, views_panel

app_name = "monitoring"

urlpatterns = [
    path("", views.flag_list, name="flags"),
    path("panel/", views_panel.panel, name="panel"),
    path("<int:pk>/", views.flag_detail, name="flag"),
    path("<int:pk>/dismiss/", views.flag_dismiss, name="flag_dismiss"),
    path("centers/<int:center_pk>/", views.center_projection, name="center"),
]
