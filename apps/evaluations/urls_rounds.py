"""The rounds' URLs (views_rounds.py): the list, the results, a new round, a round, its edit page, its scope and
its transitions."""

from django.urls import path

from . import views_rounds

urlpatterns = [
    path("", views_rounds.round_list, name="list"),
    path("results/", views_rounds.result_list, name="results"),
    path("rounds/new/", views_rounds.round_new, name="round_new"),
    path("rounds/<int:pk>/", views_rounds.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", views_rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/scope/", views_rounds.round_scope, name="round_scope"),
    path("rounds/<int:pk>/<str:action>/", views_rounds.round_act, name="round_act"),
]
