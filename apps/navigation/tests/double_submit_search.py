"""Prior-art search's @once forms for tests/test_double_submit.py: a search sent twice (a double click, a reload)
is kept once, from a dataset and from a disclosure."""

from django.urls import reverse

DATA = {"title": "一种钕铁硼磁体的晶界扩散方法", "abstract": "涂覆镝化合物后晶界扩散。", "claims": ""}


def _dataset(w):
    from apps.navigation import services_search
    from apps.navigation.tests.builders import center_of, dataset_with, record

    dataset = dataset_with(center_of(w), w.user("unit_admin"), [record(1, title="一种钕铁硼磁体的晶界扩散方法")])
    services_search.index_build(dataset.pk, dataset.version)
    dataset.refresh_from_db()
    return dataset


def from_dataset(w):
    from apps.navigation.models import PriorArtSearch
    from tests.test_double_submit import Setup

    url = reverse("navigation:search_new", args=[_dataset(w).pk])
    return Setup(url, url, lambda c: DATA, PriorArtSearch.objects.count)


def from_disclosure(w):
    from apps.navigation.models import PriorArtSearch
    from apps.patents.tests.assessment_setup import draft
    from tests.test_double_submit import Setup

    dataset = _dataset(w)
    url = reverse("navigation:search_disclosure", args=[draft(w, dataset.center).pk])
    return Setup(url, url, lambda c: {**DATA, "dataset": dataset.pk}, PriorArtSearch.objects.count)


def cases(Case) -> list:
    return [
        Case("navigation:search_new", "unit_member", from_dataset),
        Case("navigation:search_disclosure", "unit_admin", from_disclosure),
    ]
