"""The KPI early warning's test data: a center of the world's unit (prefecture A) under construction, its contract
in force from 2025-01-01 (contract year 1: 2025-01-01 … 2025-12-31), and its records month by month.

    center = monitored_center(world)                 # KPIs: 发明专利申请量 (computed, target 12 in year 1) and
                                                     # 自主知识产权菌种 (self-reported, target 10)
    filings(center, months=6)                        # one CN invention filed on the 15th of each month Jan–Jun 2025
    report(world, center, {date(2025, 3, 31): "1", …})  # the lead unit's reported values of 菌种

On 2025-07-01 (`AS_OF`) six filings give a line of one a month: 12 at the year's end (on track for 12; below 80 %
of 20: high risk)."""

from datetime import date
from decimal import Decimal

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.patents.tests.factories import patent
from apps.patents.tests.kpi_setup import contract

STARTS_ON = date(2025, 1, 1)
AS_OF = date(2025, 7, 1)
FILINGS = "发明专利申请量"
STRAINS = "自主知识产权菌种"


def indicators(filings_target="12", strains_target="10"):
    return (
        (FILINGS, "件", "", {1: filings_target, 2: "30", 3: "45"}, "invention_filings"),
        (STRAINS, "株", "", {1: strains_target, 2: "20", 3: "30"}, ""),
    )


def monitored_center(world, *, org=None, filings_target="12", strains_target="10", status=None) -> Center:
    center = center_for(world, org=org, status=status or Center.Status.UNDER_CONSTRUCTION)
    contract(center, starts_on=STARTS_ON, indicators=indicators(filings_target, strains_target))
    return center


def filings(center, *, months=6, per_month=1, year=2025) -> None:
    for month in range(1, months + 1):
        for _n in range(per_month):
            patent(center, filing_date=date(year, month, 15))


def set_target(center, name, value) -> None:
    """Change a year-1 target directly (the contract's own tests walk its changes)."""
    from apps.centers.models import ContractTarget

    ContractTarget.objects.filter(
        indicator__version=center.contract.current_version, indicator__name=name, year=1
    ).update(value=Decimal(value))


def report(world, center, values: dict) -> None:
    """The lead unit's reported cumulative values of 菌种 in year 1 ({as of: value}), through the KPI service (the
    business clock must be on or after each date)."""
    from apps.patents import kpi

    indicator = center.contract.current_version.indicators.get(name=STRAINS)
    for day, value in values.items():
        kpi.report(world.user("unit_admin"), indicator, year=1, value=value, as_of=day, explanation="菌种保藏证明")
