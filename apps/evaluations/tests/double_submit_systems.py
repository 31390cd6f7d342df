"""The indicator systems' @once forms for tests/test_double_submit.py: a copy, an indicator and a veto item sent
twice (a double click, a reload) create one version, one indicator, one veto item."""

from django.urls import reverse


def copy(w):
    from apps.evaluations.models import IndicatorSystem
    from apps.evaluations.tests import builders
    from tests.test_double_submit import Setup

    system = builders.system(frozen=True)
    return Setup(
        reverse("evaluations:system", args=[system.pk]),
        reverse("evaluations:system_copy", args=[system.pk]),
        lambda c: {},
        IndicatorSystem.objects.count,
    )


def indicator(w):
    from apps.evaluations.models import EvaluationIndicator, IndicatorArea
    from apps.evaluations.tests import builders
    from tests.test_double_submit import Setup

    system = builders.system()
    area = IndicatorArea.objects.get(system=system, key="operation")
    url = reverse("evaluations:indicator_add", args=[system.pk])
    data = {"area": area.pk, "code": "1.9", "name": "新增指标", "max_points": "2", "kind": "subjective"}
    return Setup(url, url, lambda c: data, EvaluationIndicator.objects.count)


def veto(w):
    from apps.evaluations.models import VetoItem
    from apps.evaluations.tests import builders
    from tests.test_double_submit import Setup

    system = builders.system()
    url = reverse("evaluations:veto_add", args=[system.pk])
    return Setup(url, url, lambda c: {"code": "V9", "name": "新增否决项"}, VetoItem.objects.count)


def cases(Case) -> list:
    return [
        Case("evaluations:system_copy", "regional_officer", copy),
        Case("evaluations:indicator_add", "regional_officer", indicator),
        Case("evaluations:veto_add", "regional_officer", veto),
    ]
