"""The KPI engine's @once form for tests/test_double_submit.py: a self-reported value sent twice is recorded once."""

from datetime import timedelta

from django.urls import reverse


def report(w):
    from apps.centers.tests.funding_setup import with_partner
    from apps.core import clock
    from apps.patents.models import SelfReportedValue
    from apps.patents.tests.kpi_setup import contract
    from tests.test_double_submit import Setup

    center = with_partner(w, w.org_other)
    version = contract(center, starts_on=clock.today() - timedelta(days=400))
    indicator = version.indicators.get(name="自主知识产权菌种")
    url = reverse("patents:kpi_report", args=[center.pk, indicator.pk])
    data = {"year": "2", "value": "3", "as_of": clock.today().isoformat(), "explanation": "菌种保藏证明"}
    return Setup(url, url, lambda c: data, SelfReportedValue.objects.count)


def cases(Case) -> list:
    return [Case("patents:kpi_report", "unit_admin", report)]
