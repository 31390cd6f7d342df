"""The objective indicators' rules (`objective.RULES`) on hand-made data: caps, zero, nothing in the period, data
after the period's end ignored, parameters, the query cost."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.centers.models import Center, CouncilMeeting, Finding, Inspection, LedgerEntry, Rectification
from apps.centers.tests.factories import center_for
from apps.core.errors import DomainError
from apps.evaluations import objective
from apps.evaluations.models import EvaluationIndicator
from apps.reports.models import AnnualReport

pytestmark = pytest.mark.django_db

START, END = date(2024, 1, 1), date(2024, 12, 31)
D = Decimal


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def officer(world):
    return world.user("regional_officer")


def run(key, center, *, params=None, max_points="5", start=START, end=END):
    return objective.RULES[key].compute(center, start, end, params or {}, D(max_points))


def _basis_ok(result, max_points="5"):
    assert D("0") <= result.points <= D(max_points)
    assert result.points == result.points.quantize(D("0.01"))
    assert set(result.basis) == {"as_of", "explanation", "rows"}
    assert result.basis["explanation"]
    for row in result.basis["rows"]:
        assert set(row) == {"label", "value", "url"}


# ---------------------------------------------------------------- the registry


def test_every_rule_named_by_the_shared_interface_exists_with_its_documentation():
    assert set(objective.RULES) >= {
        "kpi_completion",
        "funds_execution",
        "report_timeliness",
        "council_activity",
        "inspection_findings",
    }
    for key, rule in objective.RULES.items():
        assert rule.key == key and str(rule.label) and str(rule.doc)
        assert set(rule.param_labels) == set(rule.defaults)


def test_compute_merges_the_indicators_params_over_the_defaults(center, officer):
    for day in (date(2024, 3, 1), date(2024, 9, 1)):
        _meeting(center, officer, day)
    indicator = EvaluationIndicator(code="1.2", max_points=D("6"), kind="objective", rule="council_activity")
    indicator.params = {}
    assert objective.compute(indicator, center, START, END).points == D("6.00")  # 2 of 2
    indicator.params = {"per_year": 4}
    assert objective.compute(indicator, center, START, END).points == D("3.00")  # 2 of 4


def test_compute_refuses_an_unknown_rule(center):
    indicator = EvaluationIndicator(code="9.1", max_points=D("5"), kind="objective", rule="no_such_rule")
    with pytest.raises(DomainError, match=r"9\.1"):
        objective.compute(indicator, center, START, END)


@pytest.mark.parametrize(
    "params, expected",
    [({"per_day": "0.5"}, {"per_day": 0.5}), ({"per_day": "1"}, {"per_day": 1}), ({"per_day": ""}, {}), ({}, {})],
)
def test_clean_params_keeps_numbers_of_the_rules_names(params, expected):
    assert objective.clean_params("report_timeliness", params) == expected


@pytest.mark.parametrize(
    "params, message",
    [
        ({"per_day": "-1"}, "0 至"),
        ({"per_day": "abc"}, "数字"),
        ({"per_day": "1_0"}, "数字"),
        ({"speed": "1"}, "speed"),
    ],
)
def test_clean_params_refuses_in_chinese(params, message):
    with pytest.raises(DomainError) as exc:
        objective.clean_params("report_timeliness", params)
    assert message in exc.value.message


def test_clean_params_refuses_an_unknown_rule():
    with pytest.raises(DomainError):
        objective.clean_params("nope", {})


# ---------------------------------------------------------------- kpi_completion


@pytest.fixture
def kpi_center(center, officer):
    from apps.patents.tests import kpi_setup

    kpi_setup.contract(center, starts_on=date(2024, 1, 1))
    kpi_setup.portfolio(center, officer)
    return center


def test_kpi_completion_is_the_capped_mean_of_the_kpis_due(kpi_center):
    # As of 2024-12-31 contract year 1 is due: filings 2 of 2 (100%), grants 2 of 3 (66.67%), licence income
    # 150 000.50 of 100 000 yuan (150% → capped at 100%), the self-reported KPI not reported (0%): mean 66.67%.
    result = run("kpi_completion", kpi_center, max_points="25")
    _basis_ok(result, "25")
    assert result.points == D("16.67")
    assert result.basis["as_of"] == "2024-12-31"
    assert len(result.basis["rows"]) == 4
    assert all("/patents/kpi/" in row["url"] for row in result.basis["rows"])
    assert "66.67%" in result.basis["explanation"]


def test_kpi_completion_ignores_records_after_the_period_end(kpi_center, officer):
    from apps.patents.tests.factories import patent

    patent(kpi_center, user=officer, filing_date=date(2025, 1, 2), grant_date=date(2025, 1, 3), legal_status="granted")
    assert run("kpi_completion", kpi_center, max_points="25").points == D("16.67")


def test_kpi_completion_nothing_due_gives_full_points_and_says_so(kpi_center):
    result = run("kpi_completion", kpi_center, max_points="25", start=date(2024, 1, 1), end=date(2024, 6, 30))
    assert result.points == D("25.00")
    assert result.basis["rows"] == []
    assert "满分" in result.basis["explanation"] or "full" in result.basis["explanation"]


def test_kpi_completion_without_a_contract_gives_full_points(center):
    assert run("kpi_completion", center, max_points="25").points == D("25.00")


# ---------------------------------------------------------------- funds_execution


def _entry(center, officer, kind, amount, on, **extra):
    if kind == LedgerEntry.Kind.ALLOCATION:
        extra.setdefault("tranche_number", 1)
        extra.setdefault("document_number", "内市监〔2024〕1号")
    if kind == LedgerEntry.Kind.EXPENDITURE:
        extra.setdefault("category", "人员")
    return LedgerEntry.objects.create(
        center=center,
        kind=kind,
        amount=D(amount),
        occurred_on=on,
        created_by=officer,
        created_at=timezone.now(),
        **extra,
    )


A, E = LedgerEntry.Kind.ALLOCATION, LedgerEntry.Kind.EXPENDITURE


def test_funds_execution_at_or_above_full_at_gives_full_points(center, officer):
    _entry(center, officer, A, "100000", date(2023, 6, 1))
    _entry(center, officer, E, "80000", date(2024, 5, 1))
    result = run("funds_execution", center)
    _basis_ok(result)
    assert result.points == D("5.00")


def test_funds_execution_below_full_at_is_linear_and_reads_only_the_period(center, officer):
    _entry(center, officer, A, "100000", date(2023, 6, 1))
    _entry(center, officer, A, "100000", date(2025, 1, 1))  # after the period: not received by then
    _entry(center, officer, E, "10000", date(2023, 12, 31))  # before the period
    _entry(center, officer, E, "40000", date(2024, 12, 31))
    _entry(center, officer, E, "50000", date(2025, 1, 1))  # after the period
    result = run("funds_execution", center)
    # 40 000 ÷ 100 000 = 40% < 80%: 5 × 0.4 ÷ 0.8 = 2.5
    assert result.points == D("2.50")
    assert "40%" in result.basis["explanation"]


def test_funds_execution_counts_corrections_and_reads_full_at(center, officer):
    allocation = _entry(center, officer, A, "100000", date(2024, 1, 10))
    _entry(center, officer, A, "-50000", date(2024, 2, 1), corrects=allocation, reason="金额录错")
    _entry(center, officer, E, "30000", date(2024, 6, 1))
    # 30 000 ÷ 50 000 = 60%; full at 50% → full points; full at 1 → 5 × 0.6 = 3
    assert run("funds_execution", center, params={"full_at": "0.5"}).points == D("5.00")
    assert run("funds_execution", center, params={"full_at": "1"}).points == D("3.00")


def test_funds_execution_nothing_allocated_gives_full_points(center, officer):
    _entry(center, officer, A, "100000", date(2025, 2, 1))  # only after the period
    result = run("funds_execution", center)
    assert result.points == D("5.00")
    assert "2024-12-31" in result.basis["explanation"]


def test_funds_execution_nothing_spent_gives_zero(center, officer):
    _entry(center, officer, A, "100000", date(2024, 2, 1))
    assert run("funds_execution", center).points == D("0.00")


# ---------------------------------------------------------------- report_timeliness


def _report(center, year, *, first_submitted_on=None, days_late=None, due_on=None):
    return AnnualReport.objects.create(
        center=center,
        year=year,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        due_on=due_on or date(year + 1, 1, 31),
        status=AnnualReport.Status.RECEIVED if first_submitted_on else AnnualReport.Status.DRAFT,
        first_submitted_on=first_submitted_on,
        days_late=days_late,
    )


def test_report_on_time_gives_full_points(center, clock):
    clock.set(date(2025, 3, 1))
    _report(center, 2024, first_submitted_on=date(2025, 1, 20), days_late=0)
    result = run("report_timeliness", center)
    _basis_ok(result)
    assert result.points == D("5.00")
    assert result.basis["rows"][0]["url"].startswith("/reports/")


def test_each_day_late_deducts_per_day(center, clock):
    clock.set(date(2025, 3, 1))
    _report(center, 2024, first_submitted_on=date(2025, 2, 10), days_late=10)
    assert run("report_timeliness", center).points == D("3.00")  # 5 − 10 × 0.2
    assert run("report_timeliness", center, params={"per_day": "0.1"}).points == D("4.00")


def test_lateness_floors_at_zero(center, clock):
    clock.set(date(2025, 6, 1))
    _report(center, 2024, first_submitted_on=date(2025, 5, 1), days_late=90)
    assert run("report_timeliness", center).points == D("0.00")


def test_never_submitted_gives_zero_once_due(center, clock):
    clock.set(date(2025, 3, 1))
    _report(center, 2024)
    result = run("report_timeliness", center)
    assert result.points == D("0.00")
    assert result.basis["as_of"] == "2025-03-01"


def test_a_report_not_yet_due_is_left_out_and_none_gives_full_points(center, clock):
    clock.set(date(2025, 1, 10))
    _report(center, 2024)  # due 2025-01-31
    result = run("report_timeliness", center)
    assert result.points == D("5.00")
    assert len(result.basis["rows"]) == 1  # shown, not counted


def test_reports_of_years_outside_the_period_do_not_count_and_the_mean_is_taken(center, clock):
    clock.set(date(2026, 3, 1))
    _report(center, 2023)  # before the period, never submitted: ignored
    _report(center, 2025)  # after the period, never submitted: ignored
    _report(center, 2024, first_submitted_on=date(2025, 2, 5), days_late=5)
    assert run("report_timeliness", center).points == D("4.00")
    two_years = run("report_timeliness", center, start=date(2024, 1, 1), end=date(2025, 12, 31))
    assert two_years.points == D("2.00")  # (4 + 0) ÷ 2


# ---------------------------------------------------------------- council_activity


def _meeting(center, officer, day):
    return CouncilMeeting.objects.create(center=center, held_on=day, title="议事会", agenda="议程", recorded_by=officer)


def test_council_meetings_against_the_expected_number(center, officer):
    _meeting(center, officer, date(2024, 4, 1))
    result = run("council_activity", center)
    _basis_ok(result)
    assert result.points == D("2.50")  # 1 of 2
    assert result.basis["rows"][0]["url"].endswith(f"/council/meetings/{CouncilMeeting.objects.get().pk}/")


def test_council_ratio_is_capped_and_data_outside_the_period_ignored(center, officer):
    for day in (date(2024, 1, 1), date(2024, 5, 1), date(2024, 9, 1), date(2024, 12, 31)):
        _meeting(center, officer, day)
    _meeting(center, officer, date(2025, 1, 1))
    assert run("council_activity", center).points == D("5.00")
    assert run("council_activity", center, params={"per_year": "8"}).points == D("2.50")


def test_council_no_meeting_gives_zero_and_a_period_of_two_years_expects_twice(center, officer):
    assert run("council_activity", center).points == D("0.00")
    for day in (date(2024, 4, 1), date(2024, 10, 1)):
        _meeting(center, officer, day)
    assert run("council_activity", center, start=date(2024, 1, 1), end=date(2025, 12, 31)).points == D("2.50")


def test_council_per_year_zero_gives_full_points(center):
    assert run("council_activity", center, params={"per_year": "0"}).points == D("5.00")


def test_period_years():
    assert objective.period_years(date(2024, 1, 1), date(2024, 12, 31)) == D("1.00")  # leap year
    assert objective.period_years(date(2025, 1, 1), date(2025, 12, 31)) == D("1.00")
    assert objective.period_years(date(2024, 1, 1), date(2025, 12, 31)) == D("2.00")
    assert objective.period_years(date(2025, 1, 1), date(2025, 6, 30)) == D("0.50")


# ---------------------------------------------------------------- inspection_findings


def _inspection(center, officer, day, status=Inspection.Status.COMPLETED):
    return Inspection.objects.create(
        center=center, scheduled_on=day, scope="经费", team="检查组", status=status, created_by=officer
    )


def _finding(inspection, officer, requires=True):
    return Finding.objects.create(
        inspection=inspection, text="台账不全", requires_rectification=requires, recorded_by=officer
    )


def _rectification(center, finding, officer, status, closed_on):
    return Rectification.objects.create(
        center=center,
        source=Rectification.Source.INSPECTION,
        finding=finding,
        requirements="补齐台账",
        starts_on=date(2024, 5, 1),
        due_on=date(2024, 10, 1),
        status=status,
        created_by=officer,
        closed_at=timezone.make_aware(datetime.combine(closed_on, time(10))) if closed_on else None,
    )


def test_no_finding_gives_full_points(center):
    result = run("inspection_findings", center)
    _basis_ok(result)
    assert result.points == D("5.00")


def test_findings_and_failed_rectifications_deduct(center, officer):
    inspection = _inspection(center, officer, date(2024, 4, 1))
    first = _finding(inspection, officer)
    _finding(inspection, officer)
    _finding(inspection, officer, requires=False)  # no rectification required: no deduction
    _rectification(center, first, officer, Rectification.Status.FAILED, date(2024, 11, 1))
    result = run("inspection_findings", center)
    assert result.points == D("1.00")  # 5 − 2 × 1 − 1 × 2
    assert len(result.basis["rows"]) == 2
    assert "/inspections/" in result.basis["rows"][0]["url"]


def test_inspection_findings_ignore_what_lies_outside_the_period(center, officer):
    _finding(_inspection(center, officer, date(2023, 12, 31)), officer)
    _finding(_inspection(center, officer, date(2025, 1, 1)), officer)
    _finding(_inspection(center, officer, date(2024, 6, 1), Inspection.Status.CANCELLED), officer)
    inside = _finding(_inspection(center, officer, date(2024, 6, 1)), officer)
    _rectification(center, inside, officer, Rectification.Status.FAILED, date(2025, 1, 15))  # failed afterwards
    assert run("inspection_findings", center).points == D("4.00")


def test_inspection_findings_floor_at_zero(center, officer):
    inspection = _inspection(center, officer, date(2024, 4, 1))
    for _ in range(7):
        _finding(inspection, officer)
    assert run("inspection_findings", center).points == D("0.00")
    assert run("inspection_findings", center, params={"per_finding": "0.5"}).points == D("1.50")


# ---------------------------------------------------------------- cost


@pytest.mark.parametrize("key", ["funds_execution", "report_timeliness", "council_activity", "inspection_findings"])
def test_a_rule_costs_a_few_queries_whatever_the_data(key, center, officer, clock):
    clock.set(date(2025, 3, 1))
    for i in range(5):
        _entry(center, officer, A, "1000", date(2024, 1, 1) + timedelta(days=i))
        _meeting(center, officer, date(2024, 2, 1) + timedelta(days=i))
        _finding(_inspection(center, officer, date(2024, 3, 1) + timedelta(days=i)), officer)
    _report(center, 2024, first_submitted_on=date(2025, 2, 1), days_late=1)
    with CaptureQueriesContext(connection) as captured:
        run(key, center)
    assert len(captured) <= 2, [q["sql"] for q in captured.captured_queries]
