"""One evaluation: its page, the evaluator's scoring form, participation, veto findings, the refresh from the
platform's data, the transitions (submit / return / confirm) and the evidence files (views_scoring)."""

from django.urls import path

from . import views_scoring as views

urlpatterns = [
    path("<int:pk>/", views.evaluation_detail, name="detail"),
    path("<int:pk>/scores/", views.evaluation_scores, name="scores"),
    path("<int:pk>/participation/", views.evaluation_participation, name="participation"),
    path("<int:pk>/vetoes/", views.evaluation_vetoes, name="vetoes"),
    path("<int:pk>/vetoes/<int:finding_pk>/remove/", views.evaluation_veto_remove, name="veto_remove"),
    path("<int:pk>/vetoes/<int:finding_pk>/evidence/", views.veto_evidence, name="veto_evidence"),
    path("<int:pk>/scores/<int:score_pk>/evidence/", views.score_evidence, name="score_evidence"),
    path("<int:pk>/refresh/", views.evaluation_refresh, name="refresh"),
    path("<int:pk>/act/<str:action>/", views.evaluation_act, name="act"),
]
