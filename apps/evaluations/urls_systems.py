"""The indicator systems (Art. 16): versions, one system's tree, its indicators and veto items (`views_systems`)."""

from django.urls import path

from . import views_systems as views

urlpatterns = [
    path("systems/", views.systems, name="systems"),
    path("systems/<int:pk>/", views.system, name="system"),
    path("systems/<int:pk>/edit/", views.system_edit, name="system_edit"),
    path("systems/<int:pk>/copy/", views.system_copy, name="system_copy"),
    path("systems/<int:pk>/indicators/add/", views.indicator_add, name="indicator_add"),
    path("systems/<int:pk>/indicators/<int:indicator_pk>/", views.indicator_edit, name="indicator_edit"),
    path("systems/<int:pk>/indicators/<int:indicator_pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path("systems/<int:pk>/vetoes/add/", views.veto_add, name="veto_add"),
    path("systems/<int:pk>/vetoes/<int:veto_pk>/", views.veto_edit, name="veto_edit"),
    path("systems/<int:pk>/vetoes/<int:veto_pk>/delete/", views.veto_delete, name="veto_delete"),
]
