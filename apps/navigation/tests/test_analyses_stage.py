"""Growth and the technology life-cycle stage (trend.py's rule), the complete years, and one stage end to end."""

from datetime import date

import pytest

from apps.navigation import analyses
from apps.navigation import scope as scopes
from apps.navigation.analyses.scoped import lag_end, last_complete_year
from apps.navigation.analyses.trend import cagr, life_cycle_stage
from apps.navigation.tests.builders import center_of, dataset_with, record


@pytest.mark.parametrize(
    "recent, previous, people_recent, people_previous, years, stage",
    [
        # 5 complete years only: both windows need 6
        (40, 20, 30, 10, 5, "insufficient"),
        # 12 + 7 = 19 applications < 20
        (12, 7, 9, 5, 10, "insufficient"),
        # applications 30 → 40 (+33 % > 10 %), applicants 5 → 8 (rising), 8 < 10 players: emerging
        (40, 30, 8, 5, 8, "emerging"),
        # the same rise with 25 applicants: growth
        (40, 30, 25, 12, 8, "growth"),
        # applications 100 → 105 (+5 %: steady): mature whatever the applicants do
        (105, 100, 60, 50, 12, "mature"),
        # applications up 50 % while applicants fall 40 → 30: concentration, mature
        (150, 100, 30, 40, 12, "mature"),
        # applications 100 → 80 (−20 %) and applicants 50 → 35: decline
        (80, 100, 35, 50, 12, "decline"),
        # applications −20 % but applicants rising: not decline (mature)
        (80, 100, 55, 50, 12, "mature"),
        # exactly −10 % is not a fall (0.9 × 100 = 90, not below it)
        (90, 100, 35, 50, 12, "mature"),
    ],
)
def test_life_cycle_stage_of_crafted_windows(recent, previous, people_recent, people_previous, years, stage):
    assert life_cycle_stage(recent, previous, people_recent, people_previous, years=years) == stage


def test_cagr():
    # 100 → 121 over 2 years: √1.21 − 1 = 0.1
    assert cagr(100, 121, 2) == pytest.approx(0.10)
    assert cagr(0, 10, 3) is None  # a zero start
    assert cagr(10, 20, 0) is None  # one year
    assert cagr(8, 1, 3) == pytest.approx(-0.5)  # (1/8)^(1/3) − 1


def test_complete_years_follow_the_18_month_publication_lag():
    assert lag_end(2024) == date(2026, 6, 30)
    assert last_complete_year(date(2026, 6, 30)) == 2024
    assert last_complete_year(date(2026, 6, 29)) == 2023
    assert last_complete_year(date(2027, 1, 1)) == 2024


@pytest.mark.django_db
def test_growth_stage_end_to_end(world):
    # 2015–2024, cut-off 2026-06-30 (complete to 2024). Previous window 2019–2021: 4 records a year, each by its
    # own applicant (12 applicants); recent 2022–2024: 6 a year, each by its own applicant (18). 12 → 18
    # applications (+50 %), 12 → 18 applicants, 18 ≥ 10: growth. 2015–2018: 2 a year.
    # CAGR 2015 → 2024: (6 / 2) ^ (1/9) − 1
    per_year = {2015: 2, 2016: 2, 2017: 2, 2018: 2, 2019: 4, 2020: 4, 2021: 4, 2022: 6, 2023: 6, 2024: 6}
    records, n = [], 0
    for year, count in per_year.items():
        for _ in range(count):
            n += 1
            records.append(record(n, filing_year=year, applicants=[f"申请人{n}有限公司"]))
    dataset = dataset_with(center_of(world), world.user("unit_admin"), records)
    trend = analyses.one(dataset, scopes.parse({"ipc": "H01F"}), "trend")
    assert trend["applications"] == list(per_year.values())
    assert trend["stage"] == "growth" and trend["stage_label"] == "成长期"
    assert trend["cagr"] == pytest.approx(3 ** (1 / 9) - 1)
    basis = trend["stage_basis"]
    assert (basis["applications_previous"], basis["applications_recent"]) == (12, 18)
    assert (basis["applicants_previous"], basis["applicants_recent"]) == (12, 18)


@pytest.mark.django_db
def test_a_scope_ending_early_stops_the_complete_years_there(world):
    per_year = {2015: 1, 2016: 2, 2017: 4, 2018: 8, 2019: 16}
    records, n = [], 0
    for year, count in per_year.items():
        for _ in range(count):
            n += 1
            records.append(record(n, filing_year=year))
    dataset = dataset_with(center_of(world), world.user("unit_admin"), records)
    trend = analyses.one(dataset, scopes.parse({"ipc": "H01F", "year_to": 2018}), "trend")
    # 2019 is outside the scope: CAGR 2015 → 2018 = (8 / 1)^(1/3) − 1 = 1.0, not a fall to 0 in 2024
    assert trend["complete_to"] == 2018 and trend["cagr"] == pytest.approx(1.0)


@pytest.mark.django_db
def test_a_name_repeated_within_a_record_counts_once_and_empty_names_not_at_all(world):
    """The per-applicant rows (`Scoped.applicant_rows`) keep each record's distinct non-empty names: one name
    twice on a record, a name among others repeated, an empty name, a record with no name at all."""
    records = [
        record(1, filing_year=2020, applicants=["甲公司", "甲公司"]),
        record(2, filing_year=2020, applicants=["乙公司", "", "甲公司", "乙公司"]),
        record(3, filing_year=2020, applicants=[""]),
        record(4, filing_year=2021, applicants=["丙公司", "丁公司"]),
        record(5, filing_year=2021, applicants=[]),
    ]
    dataset = dataset_with(center_of(world), world.user("unit_admin"), records)
    results = analyses.run_all(dataset, scopes.parse({"ipc": "H01F"}))
    assert dict(zip(results["trend"]["years"], results["trend"]["applicants"], strict=True)) == {2020: 2, 2021: 2}
    assert {item["name"]: item["count"] for item in results["applicants"]["top"]} == {
        "甲公司": 2,
        "乙公司": 1,
        "丙公司": 1,
        "丁公司": 1,
    }
    assert results["applicants"]["applicant_records"] == 5
