"""A center's KPIs projected from the records (apps/monitoring/assessment.py): the series read at the contract-month
ends and today, computed KPIs from the patents, self-reported ones from the lead unit's reports, the contract year
and the risk key; a constant number of queries whatever the number of records."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.monitoring import assessment, projection
from apps.patents.kpi import Year

from .monitoring_setup import AS_OF, FILINGS, STRAINS, filings, monitored_center, report

pytestmark = pytest.mark.django_db


def test_checkpoints_are_the_contract_month_ends_and_the_day():
    year = Year(1, date(2025, 1, 10), date(2026, 1, 9))
    assert assessment.checkpoints(year, date(2025, 4, 20)) == [
        date(2025, 2, 9),
        date(2025, 3, 9),
        date(2025, 4, 9),
        date(2025, 4, 20),
    ]
    assert assessment.checkpoints(year, date(2025, 3, 9))[-1] == date(2025, 3, 9)  # a month end is not doubled
    assert len(assessment.checkpoints(year, date(2026, 5, 1))) == 12  # read at most to the year's end


def test_a_computed_kpi_is_projected_from_the_filings(world, clock):
    clock.set(AS_OF)
    center = monitored_center(world, filings_target="20")
    filings(center, months=6)
    found = assessment.assess(center)
    line = next(line for line in found.lines if line.name == FILINGS)
    assert found.year.number == 1
    assert line.actual == D("6.00") and line.points == 7  # six month-ends and today
    assert D("11") < line.projected < D("13")  # one a month
    assert line.status == projection.HIGH_RISK  # about 12 of 20
    assert found.level == projection.HIGH_RISK
    assert found.risk_key == f"1|{FILINGS}=high_risk"


def test_a_self_reported_kpi_is_projected_from_the_reports_and_few_reports_are_not_enough(world, clock):
    clock.set(AS_OF)
    center = monitored_center(world)
    report(world, center, {date(2025, 5, 31): "2"})
    line = next(line for line in assessment.assess(center).lines if line.name == STRAINS)
    assert line.status == projection.NOT_ENOUGH_DATA and line.actual == D("2.00") and line.points == 1
    report(world, center, {date(2025, 2, 28): "1", date(2025, 6, 30): "3"})
    line = next(line for line in assessment.assess(center).lines if line.name == STRAINS)
    assert line.points == 3 and line.status in (projection.AT_RISK, projection.HIGH_RISK)
    assert line.projected < D("10")


def test_before_the_term_and_without_a_contract_there_is_no_year(world, clock):
    clock.set(date(2024, 12, 1))
    center = monitored_center(world)
    found = assessment.assess(center)
    assert found.year is None and found.lines == () and found.risk_key == ""


@pytest.mark.parametrize("months", [3, 6])
def test_the_cost_is_constant_in_the_number_of_records(world, clock, months):
    clock.set(AS_OF)
    center = monitored_center(world)
    report(world, center, {date(2025, 2, 28): "1"})
    counts = []
    for _round in range(2):
        with CaptureQueriesContext(connection) as captured:
            assessment.assess(center)
        counts.append(len(captured))
        filings(center, months=months, per_month=3)
        report(world, center, {date(2025, 5, 31): "2", date(2025, 6, 30): "3"})
    assert counts[0] == counts[1] <= 5
