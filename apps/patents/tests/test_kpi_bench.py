"""`make bench` (issue 16): the KPI table of a center costs the same SQL queries with 50 and with 5 000 patents
(bench/kpi_bench.py builds them with bulk_create, deterministically, and binds one KPI per metric), within the page
limit of issue 14. Kept lean: the rows are bulk-inserted, the page is fetched twice per size."""

from datetime import timedelta

import pytest

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.core import clock
from bench import kpi_bench
from tests.query_counts import PAGE_QUERY_LIMIT

from .kpi_setup import contract

pytestmark = pytest.mark.django_db


def test_the_kpi_table_costs_the_same_with_50_and_5000_patents(world, client_for):
    client = client_for("regional_officer")
    small = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    large = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    for center in (small, large):
        contract(center, starts_on=clock.today() - timedelta(days=500))
    assert kpi_bench.populate(small, 50)["patents"] == 50
    assert kpi_bench.populate(large, 5000)["patents"] == 5000
    few = kpi_bench.measure(client, small, requests=1)
    many = kpi_bench.measure(client, large, requests=1)
    assert few["queries"] == many["queries"], (few, many)
    assert many["queries"] <= PAGE_QUERY_LIMIT
