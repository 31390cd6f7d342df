"""Prior-art search (views_search): from a dataset or a disclosure, a search's results, the center's searches, a
request to build a dataset's index."""

from django.urls import path

from . import views_search

urlpatterns = [
    path("datasets/<int:dataset_pk>/search/", views_search.search_new, name="search_new"),
    path("datasets/<int:dataset_pk>/search/index/", views_search.search_index, name="search_index"),
    path("disclosures/<int:disclosure_pk>/search/", views_search.search_disclosure, name="search_disclosure"),
    path("searches/<int:pk>/", views_search.search_detail, name="search"),
    path("centers/<int:pk>/searches/", views_search.search_list, name="searches"),
]
