"""The showcases' @once forms for tests/test_double_submit.py: a showcase written by the region and a proposal of a
center's lead unit, each sent twice (a double click, a reload), are kept once."""

from django.urls import reverse

from .matrix_showcases import CONTENT, center


def written(w):
    from apps.bureau.models import Showcase
    from tests.test_double_submit import Setup

    url = reverse("bureau:showcase_new")
    return Setup(url, url, lambda c: CONTENT, Showcase.objects.count)


def proposed(w):
    from apps.bureau.models import Showcase
    from tests.test_double_submit import Setup

    pk = center(w).pk
    url = reverse("bureau:showcase_propose")
    return Setup(url, url, lambda c: {**CONTENT, "center": pk}, Showcase.objects.count)


def cases(Case) -> list:
    return [
        Case("bureau:showcase_new", "regional_officer", written),
        Case("bureau:showcase_propose", "unit_member", proposed),
    ]
