"""The questions part's URLs (views_questions.py): policy questions asked by units and answered by the region
(signed in, /bureau/questions/…), and the public FAQ (no login, /bureau/faq/…)."""

from django.urls import path

from . import views_questions

urlpatterns = [
    path("questions/", views_questions.question_list, name="questions"),
    path("questions/new/", views_questions.question_new, name="question_new"),
    path("questions/<int:pk>/", views_questions.question_detail, name="question"),
    path("questions/<int:pk>/answer/", views_questions.question_answer, name="question_answer"),
    path("questions/<int:pk>/publish/", views_questions.question_publish, name="question_publish"),
    path("questions/<int:pk>/act/<str:action>/", views_questions.question_act, name="question_act"),
    path("faq/", views_questions.faq, name="faq"),
    path("faq/<int:pk>/", views_questions.faq_entry, name="faq_entry"),
]
