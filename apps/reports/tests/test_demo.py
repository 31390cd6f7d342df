"""The annual reports' demo (`apps.reports.demo`, wired into `manage.py load_demo`): last year's batch and its
reporting season, every state of the report on a demo center, built through the services — and loaded once."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command

from apps.audit.services import verify
from apps.centers import funding
from apps.patents import kpi
from apps.reports import reminders, services
from apps.reports.models import AnnualReport, FigureComment, ReportEvent, ReportingYear, ReportVersion

pytestmark = pytest.mark.django_db
S = AnnualReport.Status
TODAY = date(2026, 11, 30)
DUE = date(2026, 1, 31)


@pytest.fixture
def loaded(clock):
    clock.set(TODAY)
    call_command("load_demo", verbosity=0)
    return {
        r.center.lead_unit.name: r for r in AnnualReport.objects.filter(year=2025).select_related("center__lead_unit")
    }


def test_last_years_reporting_season_has_every_state_and_loads_once(loaded):
    """One load for every check (a load takes half a minute)."""
    _every_state(loaded)
    _it_loads_once_with_a_valid_trail()


def _every_state(loaded):
    assert len(loaded) == 5
    by_unit = {name[:4]: report for name, report in loaded.items()}
    assert ReportingYear.objects.get(year=2025).due_on == DUE
    assert {r.due_on for r in loaded.values()} == {DUE}
    assert {r.period_start for r in loaded.values()} == {date(2025, 8, 1)}  # the contracts were signed on 1 August
    assert sorted(r.status for r in loaded.values()) == sorted([S.DRAFT, S.DRAFT, S.SUBMITTED, S.FORWARDED, S.RECEIVED])

    rare_earth = by_unit["包头稀土"]  # the one to walk in the browser: figures in, nothing written
    assert rare_earth.status == S.DRAFT and not rare_earth.overall_operation
    assert rare_earth.overdue_since == DUE + timedelta(days=1)
    assert reminders.lateness(rare_earth, TODAY) == (TODAY - DUE).days

    university = by_unit["内蒙古大"]  # half-written
    assert university.status == S.DRAFT and university.overall_operation and not university.next_year_plan

    institute = by_unit["内蒙古自"]  # returned once, resubmitted: two versions
    assert institute.status == S.SUBMITTED and institute.version == 2 and institute.days_late == 9
    assert ReportVersion.objects.filter(report=institute).count() == 2
    returned = ReportEvent.objects.get(report=institute, action="return")
    assert "经费使用明细" in returned.opinion
    assert FigureComment.objects.filter(report=institute, key="patents.inventions_granted").exists()
    first, second = ReportVersion.objects.filter(report=institute).order_by("number")
    changed = services.compare(first, second).changed_sections
    assert {s.name for s in changed} == {"funds_use", "problems"}

    hydrogen = by_unit["鄂尔多斯"]  # on time, forwarded with the office's opinion
    assert hydrogen.status == S.FORWARDED and hydrogen.days_late == 0 and hydrogen.overdue_since is None
    assert ReportEvent.objects.get(report=hydrogen, action="forward").opinion

    wuhai = by_unit["乌海精细"]  # late, forwarded, received
    assert wuhai.status == S.RECEIVED and wuhai.days_late == 13 and wuhai.received_at is not None

    # the open report's figures are the ledger's and the KPI engine's
    report = rare_earth
    rows = {row["key"]: row for g in report.figures["groups"] for row in g["rows"]}
    balance = funding.balance(report.center, year=2025)
    assert Decimal(rows["funding.allocated_year"]["number"]) == balance.allocated > 0
    assert Decimal(rows["funding.spent_year"]["number"]) == balance.spent > 0
    table = kpi.table(report.center, as_of=date(2025, 12, 31))
    kpis = [row for key, row in rows.items() if key.startswith("kpi.")]
    assert len(kpis) == len(table.rows) == 4
    assert [Decimal(r["number"]) for r in kpis] == [row.cells[0].cumulative for row in table.rows]
    assert Decimal(rows["patents.inventions_filed"]["number"]) == 4
    assert Decimal(rows["council.meetings"]["number"]) == 1


def _it_loads_once_with_a_valid_trail():
    count = AnnualReport.objects.count()
    call_command("load_demo", verbosity=0)
    assert AnnualReport.objects.count() == count
    assert verify() is None
