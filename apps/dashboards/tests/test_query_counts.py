"""Each dashboard costs the same number of queries whatever the number of centers, ledger entries, reports,
evaluations, rectifications and KPI warnings, and at most the house limit (issue 14: tests/query_counts.py
PAGE_QUERY_LIMIT, 15 a page)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from apps.centers import funding
from apps.core import clock
from apps.evaluations.models import Evaluation

from .setup import build, flag, kpi_figures, rectification, report, voucher

pytestmark = pytest.mark.django_db


def _more_centers(world):
    def grow():
        from apps.centers.tests.funding_setup import running_center
        from apps.evaluations.models import EvaluationRound

        region = world.user("regional_officer")
        round_ = EvaluationRound.objects.order_by("pk").first()
        for org in (world.org, world.org_other, world.org):
            center = running_center(world, org=org, partners=0)
            funding.allocate(
                region, center, tranche_number=1, amount="1000", occurred_on=clock.today(), document_number="文"
            )
            report(center, 2025, figures=kpi_figures("met", "behind"))
            report(center, 2024, submitted=False, due_on=date(2025, 1, 31))
            rectification(center, region)
            Evaluation.objects.create(round=round_, center=center, status="confirmed", grade="qualified")
            flag(center, level="high_risk" if org == world.org else "at_risk")

    return grow


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer"])
def test_the_area_dashboard_is_flat(world, client_for, actor):
    from tests.query_counts import assert_flat

    build(world)
    assert_flat(client_for(actor), reverse("dashboards:home"), grow=_more_centers(world))


def test_the_center_dashboard_is_flat(world, client_for):
    from tests.query_counts import assert_flat

    built = build(world)
    region, unit = world.user("regional_officer"), world.user("unit_admin")

    def grow():
        day = clock.today() - timedelta(days=1)
        for n in range(3):
            entry = funding.report_expenditure(
                unit, built.a1, category="人员", amount="100", occurred_on=day, description="劳务", voucher=voucher()
            )
            funding.correct(unit, entry, reason="重复")
            claim = funding.clawback(region, built.a1, amount="10", reason="违规", due_on=clock.today())
            funding.receive_clawback(region, claim, amount="1", occurred_on=clock.today())
            report(built.a1, 2020 + n, submitted=False, due_on=date(2021 + n, 1, 31))
            rectification(built.a1, region)

    assert_flat(client_for("unit_admin"), reverse("dashboards:center", args=[built.a1.pk]), grow=grow)
