"""The consequences' URLs (views_consequences): support, rectification, re-evaluation, excuse, delisting."""

from django.urls import path

from . import views_consequences as views

urlpatterns = [
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/rectify/", views.rectify, name="rectify"),
    path("<int:pk>/reevaluate/", views.reevaluate, name="reevaluate"),
    path("<int:pk>/excuse/", views.excuse, name="excuse"),
    path("<int:pk>/delist/", views.delist, name="delist"),
]
