"""The patents' pages, all under a center: /centers/<center>/patents/… (one block per part)."""

from django.urls import path  # noqa: F401

app_name = "patents"

urlpatterns = []
