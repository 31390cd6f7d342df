"""The grading part's @once forms for tests/test_double_submit.py: a patent graded with its form (an override with
a reason), the suggestions of the selected patents confirmed from the list, a prefix added to the region's
strategic-industry IPC list — each sent twice records once."""

from django.urls import reverse


def _setup():
    from tests.test_double_submit import Setup

    return Setup


def _center(w):
    from apps.centers.tests.funding_setup import with_partner

    return with_partner(w, w.org_other)


def _patent(w):
    from apps.patents.tests import factories

    return factories.patent(_center(w), user=w.user("unit_admin"))


def _gradings():
    from apps.patents.models import PatentGrade

    return PatentGrade.objects.count


def grade(w):
    patent = _patent(w)
    url = reverse("patents:grade", args=[patent.center_id, patent.pk])
    data = {"grade": "A", "handling": "maintain", "reason": "核心产品的基础专利。"}
    return _setup()(url, url, lambda c: data, _gradings())


def grading_confirm(w):
    patent = _patent(w)
    page = reverse("patents:grading", args=[patent.center_id])
    post = reverse("patents:grading_confirm", args=[patent.center_id])
    return _setup()(page, post, lambda c: {"patents": [str(patent.pk)]}, _gradings())


def strategic_ipc(w):
    from apps.patents.models import StrategicIPC

    url = reverse("patents:strategic_ipc")
    return _setup()(url, url, lambda c: {"ipc_prefix": "H01M", "industry": "新能源"}, StrategicIPC.objects.count)


def cases(Case) -> list:
    return [
        Case("patents:grade", "unit_admin", grade),
        Case("patents:grading_confirm", "unit_admin", grading_confirm),
        Case("patents:strategic_ipc", "regional_officer", strategic_ipc),
    ]
