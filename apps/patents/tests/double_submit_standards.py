"""The standards part's create views for tests/test_double_submit.py: recording a standard and an alliance."""

from django.urls import reverse


def _setup():
    from tests.test_double_submit import Setup

    return Setup


def standard(w):
    from apps.patents.models import Standard

    from . import utilization_setup as setup

    center = setup.center(w)
    patent = setup.granted(center)
    url = reverse("patents:standard_new", args=[center.pk])
    data = {"number": "GB/T 12345-2020", "name": "稀土永磁材料", "level": "national", "role": "lead",
            "status": "published", "published_on": "2021-01-01", "patents": [str(patent.pk)]}  # fmt: skip
    return _setup()(url, url, lambda c: data, Standard.objects.count)


def alliance(w):
    from apps.patents.models import Alliance

    from . import utilization_setup as setup

    center = setup.center(w)
    url = reverse("patents:alliance_new", args=[center.pk])
    data = {"kind": "pool", "name": "稀土专利池", "role": "member", "joined_on": "2024-01-01",
            "members": [str(w.org.pk)]}  # fmt: skip
    return _setup()(url, url, lambda c: data, Alliance.objects.count)


def cases(Case) -> list:
    return [
        Case("patents:standard_new", "unit_member", standard),
        Case("patents:alliance_new", "unit_admin", alliance),
    ]
