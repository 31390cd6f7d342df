"""The dossier of an evaluation (`dossier.dossier_of`) against the database: its figures are the annual report's
pre-fill for the round's period (the KPI engine's table as of the period's end, the ledger's sums), its ledger lines
are `centers.funding`'s balances, the annual reports of the period's years carry the lateness of
`reports.reminders.lateness`, the rectifications are those running in the period, the scores are the evaluation's
objective rows with their basis — and nothing dated after the period's end counts."""

from datetime import date as D
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.centers import funding
from apps.centers.models import Rectification
from apps.evaluations.dossier import dossier_of
from apps.evaluations.models import IndicatorScore
from apps.patents import kpi
from apps.reports import prefill, reminders
from apps.reports.tests import prefill_setup as setup

from . import dossier_setup as ds

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(world):
    return ds.evaluated_center(world)


def _rows(dossier, group):
    return {row["key"]: row for g in dossier.groups if g["key"] == group for row in g["rows"]}


def test_the_figures_are_the_prefill_of_the_period_as_of_its_end(world, evaluation):
    dossier = dossier_of(evaluation)
    assert dossier.as_of == "2024-12-31"
    assert dossier.figures == prefill.figures_of(evaluation.center, period_start=ds.PERIOD[0], period_end=ds.PERIOD[1])
    assert [g["key"] for g in dossier.groups] == list(prefill.GROUPS)
    # the KPI rows are the engine's table as of the period's end, each with the link to its records
    table = kpi.table(evaluation.center, as_of=ds.PERIOD[1])
    kpi_rows = list(_rows(dossier, "kpi").values())
    assert len(kpi_rows) == len(table.rows) > 0
    for row, engine in zip(kpi_rows, table.rows, strict=True):
        cell = engine.cells[table.current_year.number - 1]
        assert row["number"] == (None if cell.cumulative is None else f"{cell.cumulative:f}")
        assert row["url"].endswith("?as_of=2024-12-31")
    # records after the period's end are not counted (hand-counted in prefill_setup)
    council = _rows(dossier, "council")
    assert council["council.meetings"]["number"] == str(setup.COUNCIL_2024["meetings"])
    inspections = _rows(dossier, "inspections")
    assert inspections["inspections.completed"]["number"] == str(setup.SUPERVISION_2024["completed"])
    changes = _rows(dossier, "changes")
    assert changes["changes.submitted"]["number"] == str(setup.CHANGES_2024["submitted"])


def test_the_ledger_lines_are_the_ledgers_balances(world, evaluation):
    center = evaluation.center
    lines = {line.key: line for line in dossier_of(evaluation).ledger}
    assert list(lines) == ["year:2024", "to_end"]  # one year: no separate "period" line
    year = funding.balance(center, year=2024)
    line = lines["year:2024"]
    for name in ("allocated", "spent", "matched", "clawed_back", "received"):
        assert getattr(line, name) == getattr(year, name), name
    assert line.allocated == setup.LEDGER_2024["allocated"]
    assert line.spent == setup.LEDGER_2024["spent"]  # the 1 January 2025 expenditure is not counted
    assert line.matched == setup.LEDGER_2024["matched"]
    assert line.clawed_back == setup.LEDGER_2024["clawed_back"]
    to_end = lines["to_end"]
    assert to_end.allocated == setup.LEDGER_TO_2024["allocated"]  # 31 December 2023's allocation counts
    assert to_end.spent == setup.LEDGER_TO_2024["spent"]
    assert to_end.available == setup.LEDGER_TO_2024["available"]
    assert line.cells[0] == "500,000.00"


def test_a_period_of_two_years_has_a_line_per_year_and_the_period(world):
    center = ds.center_2024(world)
    from apps.evaluations.tests import builders

    round_ = builders.round_(world, status="open", period_start=D(2023, 1, 1), period_end=D(2024, 12, 31))
    evaluation = builders.evaluation(world, center=center, round_obj=round_)
    lines = {line.key: line for line in dossier_of(evaluation).ledger}
    assert list(lines) == ["year:2023", "year:2024", "period", "to_end"]
    assert lines["year:2023"].allocated == Decimal("100000.00")
    assert lines["period"].allocated == Decimal("600000.00")
    assert lines["period"].matched == setup.LEDGER_2024["matched"] + Decimal("1.00")


def test_the_reports_of_the_period_with_their_lateness(world, evaluation):
    center = evaluation.center
    late = ds.report(
        center, 2024, due_on=D(2025, 1, 31), first_submitted_on=D(2025, 2, 10), days_late=10, status="submitted"
    )
    ds.report(center, 2023, due_on=D(2024, 1, 31))  # before the period
    ds.report(center, 2025, due_on=D(2026, 1, 31))  # after it
    found = dossier_of(evaluation, today=D(2025, 6, 1)).reports
    assert [r.year for r in found] == [2024]
    assert found[0].days_late == 10 == reminders.lateness(late, D(2025, 6, 1))
    assert found[0].submitted_on == D(2025, 2, 10)
    assert found[0].url == reverse("reports:detail", args=[late.pk])


def test_a_report_never_submitted_is_late_by_the_days_since_its_due_date(world, evaluation):
    ds.report(evaluation.center, 2024, due_on=D(2025, 1, 31))
    assert dossier_of(evaluation, today=D(2025, 3, 2)).reports[0].days_late == 30
    assert dossier_of(evaluation, today=D(2025, 1, 31)).reports[0].days_late == 0


def test_the_rectifications_running_in_the_period(world, evaluation):
    center, user = evaluation.center, world.user("regional_officer")
    ds.rectification(
        center,
        user,
        starts_on=D(2023, 3, 1),
        due_on=D(2023, 9, 1),
        closed_at=ds.at(D(2023, 8, 1)),
        status=Rectification.Status.COMPLETED,
        text="早已结束",
    )
    ds.rectification(center, user, starts_on=D(2023, 11, 1), due_on=D(2024, 4, 1), text="跨年整改")
    found = dossier_of(evaluation).rectifications
    # prefill_setup's: the completed one of April 2024 (in) and the one of January 2025 (after the period: out)
    assert sorted(r.requirements for r in found) == sorted(["跨年整改", "三个月内组建"])
    done = next(r for r in found if r.requirements == "三个月内组建")
    assert done.closed_on == D(2024, 10, 1)
    assert done.status == Rectification.Status.COMPLETED


def test_the_objective_scores_with_their_basis(world, evaluation):
    IndicatorScore.objects.filter(evaluation=evaluation, indicator__code="2.1").update(
        basis={
            "as_of": "2024-12-31",
            "explanation": "完成率 80%",
            "rows": [{"label": "发明专利申请量", "value": "8 / 10 件", "url": "/x/"}],
        }
    )
    found = dossier_of(evaluation).scores
    assert [s.code for s in found] == ["1.1", "1.2", "2.1", "5.1"]  # the objective ones, in the system's order
    kpi_score = found[2]
    assert kpi_score.explanation == "完成率 80%" and kpi_score.as_of == "2024-12-31"
    assert kpi_score.rows == [{"label": "发明专利申请量", "value": "8 / 10 件", "url": "/x/"}]
    assert kpi_score.max_points == Decimal("25") and kpi_score.platform_points is None  # builders: not filled


def test_the_dossier_costs_the_same_queries_whatever_the_data(world, evaluation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            dossier_of(evaluation)
        return len(captured)

    before = count()
    center, user = evaluation.center, world.user("unit_admin")
    for day in range(1, 11):
        setup.entry(center, user, "matched", "10.00", D(2024, 5, day), description="配套")
        ds.rectification(center, user, starts_on=D(2024, 5, day), due_on=D(2024, 9, 1))
    ds.report(center, 2024, due_on=D(2025, 1, 31))
    assert count() == before
