"""The rounds' @once form for tests/test_double_submit.py: a new round sent twice (a double click, a reload) creates
one round."""

import datetime

from django.urls import reverse


def new_round(w):
    from apps.evaluations.models import EvaluationRound
    from apps.evaluations.tests import builders
    from tests.test_double_submit import Setup

    system = builders.system()
    today = datetime.date.today()
    url = reverse("evaluations:round_new")
    data = {
        "title": "2025年度绩效评价",
        "period_start": f"{today.year - 1}-01-01",
        "period_end": f"{today.year - 1}-12-31",
        "system": system.pk,
        "evaluator": w.evaluator_org.pk,
        "commission_document": "内市监知字〔2026〕9号",
        "commissioned_on": today.isoformat(),
        "fee": "80000",
        "scoring_due_on": (today + datetime.timedelta(days=45)).isoformat(),
    }
    return Setup(url, url, lambda c: data, EvaluationRound.objects.count)


def cases(Case) -> list:
    return [Case("evaluations:round_new", "regional_officer", new_round)]
