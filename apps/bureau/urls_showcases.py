"""The showcases part's URLs (views_showcases.py): good practice written by the region or proposed by a center's lead
unit (signed in, /bureau/showcases/…), and its public pages (no login, /bureau/good-practice/…)."""

from django.urls import path

from . import views_showcases

urlpatterns = [
    path("showcases/", views_showcases.showcase_list, name="showcases"),
    path("showcases/new/", views_showcases.showcase_new, name="showcase_new"),
    path("showcases/propose/", views_showcases.showcase_propose, name="showcase_propose"),
    path("showcases/<int:pk>/", views_showcases.showcase_detail, name="showcase"),
    path("showcases/<int:pk>/edit/", views_showcases.showcase_edit, name="showcase_edit"),
    path("showcases/<int:pk>/act/<str:action>/", views_showcases.showcase_act, name="showcase_act"),
    path("centers/<int:center_pk>/showcases/", views_showcases.center_showcases, name="center_showcases"),
    path("good-practice/", views_showcases.public_list, name="public_showcases"),
    path("good-practice/<int:pk>/", views_showcases.public_detail, name="showcase_public"),
    path(
        "good-practice/<int:pk>/photos/<int:attachment_pk>/",
        views_showcases.public_photo,
        name="showcase_photo",
    ),
]
