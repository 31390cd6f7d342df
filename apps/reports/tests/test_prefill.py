"""The pre-filled figures of an annual work report (`prefill.figures_of`) against hand-counted records and against
the engines they come from: the KPI rows are the KPI engine's (`patents.kpi.table`), the funding rows the ledger's
sums for the year (`centers.funding`), every other figure counts only what is dated within the period, and the
cost does not grow with the number of patents, events or ledger entries."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.centers import funding
from apps.centers.models import Center, CouncilMeeting, LedgerEntry
from apps.centers.tests.factories import center_for
from apps.patents import kpi, utilization
from apps.patents.models import Exploitation, Patent
from apps.patents.tests.factories import number
from apps.patents.tests.kpi_setup import contract, portfolio
from apps.reports import prefill

from . import prefill_setup as setup

pytestmark = pytest.mark.django_db

YEAR = (date(2024, 1, 1), date(2024, 12, 31))


@pytest.fixture
def user(world):
    return world.user("unit_admin")


@pytest.fixture
def center(world, user):
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    version = contract(center, starts_on=date(2024, 1, 1))
    portfolio(center, user)
    setup.ledger(center, version, user)
    setup.council(center, user)
    setup.changes(center, user)
    setup.supervision(center, user)
    return center


def figures(center, start=YEAR[0], end=YEAR[1]) -> dict:
    return prefill.figures_of(center, period_start=start, period_end=end)


def rows_of(found, group=None) -> dict:
    return {r["key"]: r for g in found["groups"] if group in (None, g["key"]) for r in g["rows"]}


def numbers(found, group) -> dict:
    return {key.split(".", 1)[1]: row["number"] for key, row in rows_of(found, group).items()}


# ---------------------------------------------------------------- the shape


def test_the_shape_is_the_documented_one_and_json(center):
    found = figures(center)
    assert found["as_of"] == "2024-12-31"
    assert [g["key"] for g in found["groups"]] == list(prefill.GROUPS)
    keys = []
    for group in found["groups"]:
        assert group["title"] and group["rows"], group["key"]
        for row in group["rows"]:
            assert set(row) == {"key", "label", "value", "number", "target", "status", "url"}
            assert row["key"].startswith(group["key"] + ".")
            assert row["label"] and row["value"]
            assert row["number"] is None or Decimal(row["number"]) == Decimal(row["number"])
            assert row["url"].startswith("/"), row
            keys.append(row["key"])
    assert len(keys) == len(set(keys)), "a key is used twice"
    assert json.loads(json.dumps(found)) == found
    # labels and values are Chinese (English msgids, translated)
    assert rows_of(found)["funding.spent_year"]["label"] == "2024年支出"
    assert rows_of(found)["patents.inventions_filed"]["value"] == "2 件"


# ---------------------------------------------------------------- KPIs: the KPI engine's figures


def test_the_kpi_rows_are_the_kpi_engines(center):
    found = rows_of(figures(center), "kpi")
    table = kpi.table(center, as_of=YEAR[1])
    assert table.current_year.number == 1
    assert len(found) == len(table.rows) == 4
    by_label = {row["label"]: row for row in found.values()}
    for kpi_row in table.rows:
        row = by_label[kpi_row.indicator.name]
        cell = kpi_row.cells[0]
        assert row["status"] == kpi_row.status
        expected = None if cell.cumulative is None else f"{cell.cumulative:f}"
        assert (row["number"] and Decimal(row["number"])) == (expected and Decimal(expected))
        assert row["url"] == reverse("patents:kpi_records", args=[center.pk, kpi_row.indicator.pk, 0]) + (
            "?as_of=2024-12-31"
        )
    # by hand (kpi_setup's portfolio): 2 filings (target 2: met), 2 grants (target 3: behind), 150 000.50 yuan of
    # licence fees (target 100 000: met), the self-reported KPI not reported
    assert Decimal(by_label["发明专利申请量"]["number"]) == 2 and by_label["发明专利申请量"]["status"] == "met"
    assert by_label["发明专利申请量"]["value"] == "2 件"
    assert by_label["发明专利申请量"]["target"] == "2 件（第1合同年度末）"
    assert Decimal(by_label["发明专利授权量"]["number"]) == 2 and by_label["发明专利授权量"]["status"] == "behind"
    assert Decimal(by_label["专利许可收入"]["number"]) == Decimal("150000.5")
    assert by_label["专利许可收入"]["value"] == "150,000.50 元"  # money as the ledger writes it
    assert by_label["自主知识产权菌种"]["number"] is None
    assert by_label["自主知识产权菌种"]["status"] == "not_reported"


def test_a_kpi_figure_links_to_its_records(center, client_for):
    found = {r["label"]: r for r in rows_of(figures(center), "kpi").values()}
    response = client_for("regional_officer").get(found["发明专利申请量"]["url"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "一种稀土永磁材料的制备方法" in html  # the two filings of 2024 are listed


def test_a_later_contract_year_shows_the_years_own_figure_and_its_target(center):
    found = {r["label"]: r for r in rows_of(figures(center, date(2025, 1, 1), date(2025, 12, 31)), "kpi").values()}
    table = kpi.table(center, as_of=date(2025, 12, 31))
    filings = table.rows[0]
    assert table.current_year.number == 2
    cell = filings.cells[1]
    assert Decimal(found["发明专利申请量"]["number"]) == cell.cumulative == 3  # 2 in 2024, 1 on 1 January 2025
    assert found["发明专利申请量"]["value"] == "3 件（第2合同年度：1 件）"
    assert found["发明专利申请量"]["target"] == "4 件（第2合同年度末）"
    # no target in year 2: the next year's
    assert found["专利许可收入"]["target"] == "500,000.00 元（第3合同年度末）"


def test_kpi_keys_survive_a_new_contract_version(center):
    before = {r["label"]: key for key, r in rows_of(figures(center), "kpi").items()}
    contract(center, starts_on=date(2024, 1, 1))  # version 2: the same KPIs, new rows
    after = {r["label"]: key for key, r in rows_of(figures(center), "kpi").items()}
    assert before == after


def test_before_the_term_the_kpis_say_so(center):
    found = rows_of(figures(center, date(2023, 1, 1), date(2023, 12, 31)), "kpi")
    assert {r["value"] for r in found.values()} == {"建设期尚未开始"}
    assert all(r["url"] == "" for r in found.values())


# ---------------------------------------------------------------- funds: the ledger's sums for the year


def test_the_funding_rows_are_the_ledgers_sums_for_the_year(center):
    found = rows_of(figures(center), "funding")
    balance = funding.balance(center, year=2024)
    assert Decimal(found["funding.allocated_year"]["number"]) == balance.allocated == setup.LEDGER_2024["allocated"]
    assert Decimal(found["funding.spent_year"]["number"]) == balance.spent == setup.LEDGER_2024["spent"]
    assert Decimal(found["funding.matched_year"]["number"]) == balance.matched == setup.LEDGER_2024["matched"]
    assert (
        Decimal(found["funding.clawed_back_year"]["number"]) == balance.clawed_back == setup.LEDGER_2024["clawed_back"]
    )
    assert found["funding.spent_year"]["value"] == "12,345.67 元"
    categories = {r["label"]: r for k, r in found.items() if k.startswith("funding.category.")}
    assert Decimal(categories["2024年在“专利导航”上的支出"]["number"]) == Decimal("12345.67")
    assert Decimal(categories["2024年在“人员”上的支出"]["number"]) == 0  # the correction cancels the 1 000
    assert "112,344.67" in categories["2024年在“专利导航”上的支出"]["value"]  # spent to date, 2025 included
    assert Decimal(found["funding.allocated_total"]["number"]) == setup.LEDGER_TO_2024["allocated"]
    assert Decimal(found["funding.spent_total"]["number"]) == setup.LEDGER_TO_2024["spent"]
    assert Decimal(found["funding.available_total"]["number"]) == setup.LEDGER_TO_2024["available"]
    assert found["funding.spent_year"]["url"] == reverse("centers:funding", args=[center.pk]) + "?year=2024"


def test_the_funding_rows_of_another_year_take_only_that_year(center, user):
    found = rows_of(figures(center, date(2025, 1, 1), date(2025, 12, 31)), "funding")
    assert Decimal(found["funding.spent_year"]["number"]) == Decimal("99999.00")
    assert Decimal(found["funding.allocated_year"]["number"]) == 0
    assert Decimal(found["funding.spent_total"]["number"]) == Decimal("112344.67")


def test_the_ledger_read_in_one_row_is_the_ledger_of_the_center(center, user):
    """`read` builds its ledger from the JSON arrays of its one row with `funding.ledger_from`, the builder of
    `funding.ledger_of` (a grouped aggregate): the same `Ledger`, row for row — entries summed per year, kind,
    category and tranche (two expenditures on one category, a correction), the budget lines in the contract's order
    (`order`, then id), not in the order of their ids."""
    setup.entry(center, user, LedgerEntry.Kind.EXPENDITURE, "0.33", date(2024, 12, 30), category="专利导航")
    version = funding.version_in_force(center)
    version.budget_lines.filter(category="专利导航").update(order=2)
    version.budget_lines.create(category="设备", amount=Decimal("0.50"), order=1)  # after 人员 (order 1, older)
    found = prefill.read(center, period_start=YEAR[0], period_end=YEAR[1]).ledger
    assert found == funding.ledger_of(center)
    assert [category for category, _budget in found.lines] == ["人员", "设备", "专利导航"]
    spent = {(year, category): total for year, kind, category, _tranche, total in found.rows if kind == "expenditure"}
    assert spent[(2024, "专利导航")] == Decimal("12346.00") and spent[(2024, "人员")] == Decimal("0.00")


# ---------------------------------------------------------------- outputs: only what is dated in the period


def test_patent_outputs_of_the_year(center):
    found = numbers(figures(center), "patents")
    assert {k: Decimal(v) for k, v in found.items()} == {
        "inventions_filed": 2,  # "A" 1 March, "B" 31 December (not 31 December 2023 nor 1 January 2025)
        "inventions_granted": 2,  # 1 January and 1 October (not 2023, not 2025, not the US grant)
        "utility_filed": 1,
        "utility_granted": 0,
        "designs_filed": 0,
        "designs_granted": 0,
        "pct": 1,  # PCT/CN2024/000001 once, however many records
        "overseas": 2,  # the two US records of 2024; not the EP of 2023, not the WO record
        "high_value": 1,
        "grade_a": 2,
    }


def test_patents_are_counted_only_within_the_period(center):
    found = numbers(figures(center, date(2024, 3, 1), date(2024, 10, 1)), "patents")
    assert {k: Decimal(v) for k, v in found.items()} == {
        "inventions_filed": 1,  # "A" on the first day; "B" (31 December) is after the period
        "inventions_granted": 1,  # "A" on the last day; the grant of 1 January is before the period
        "utility_filed": 1,
        "utility_granted": 0,
        "designs_filed": 0,
        "designs_granted": 0,
        "pct": 0,  # filed 1 February
        "overseas": 1,  # the US direct filing of 1 June; the national phase of 1 February is before
        "high_value": 1,  # "A" granted on 1 October with an overseas family member
        "grade_a": 1,  # "G1" (A since 1 June); "G2" only from 1 November
    }


@pytest.mark.parametrize(
    "period", [YEAR, (date(2024, 3, 1), date(2024, 10, 1)), (date(2022, 1, 1), date(2025, 12, 31))]
)
def test_the_utilization_rows_are_the_totals_of_the_utilization_module(center, user, period):
    """`read` aggregates the events of the period with `utilization.totals_aggregates` in its one row and reads
    them with `utilization.totals_from`: the figures `utilization.totals` gives (an event without an amount
    counted, its amount 0)."""
    patent = Exploitation.objects.filter(patent__center=center).first().patent
    Exploitation.objects.create(
        patent=patent,
        kind=Exploitation.Kind.LITIGATION,
        starts_on=date(2024, 6, 1),
        counterparty="某公司",
        recorded_by=user,
    )
    found = rows_of(figures(center, *period), "utilization")
    totals = utilization.totals(center, *period)
    assert totals[Exploitation.Kind.LITIGATION] == (1, Decimal("0.00"))
    for kind, (count, amount) in totals.items():
        assert Decimal(found[f"utilization.{kind}"]["number"]) == count, kind
        assert (prefill.yuan(amount) in found[f"utilization.{kind}"]["value"]) == bool(amount), kind
    income = totals[Exploitation.Kind.LICENSE][1] + totals[Exploitation.Kind.ASSIGNMENT][1]
    assert Decimal(found["utilization.transfer_income"]["number"]) == income


def test_utilization_standards_council_changes_and_inspections_of_the_year(center):
    found = figures(center)
    use = rows_of(found, "utilization")
    assert Decimal(use["utilization.license"]["number"]) == 2
    assert use["utilization.license"]["value"] == "2 项，金额 150,000.50 元"
    assert Decimal(use["utilization.assignment"]["number"]) == 1
    assert Decimal(use["utilization.pledge"]["number"]) == 1
    assert Decimal(use["utilization.self_use"]["number"]) == 1
    assert Decimal(use["utilization.equity"]["number"]) == 0
    assert Decimal(use["utilization.transfer_income"]["number"]) == Decimal("350000.50")
    assert use["utilization.license"]["url"] == (
        reverse("patents:utilization", args=[center.pk]) + "?year=2024&kind=license"
    )
    assert {k: int(v) for k, v in numbers(found, "standards").items()} == {
        "published": 2,
        "led": 2,
        "drafting": 1,
        "alliances": 2,  # the one joined in 2023 and the one left in August
        "pools": 0,
        "joined": 1,
    }
    council = {k: int(v) for k, v in numbers(found, "council").items()}
    assert council["meetings"] == setup.COUNCIL_2024["meetings"]
    assert council["decisions"] == setup.COUNCIL_2024["decisions"]
    assert council["decisions.patent_layout"] == setup.COUNCIL_2024["patent_layout"]
    assert council["decisions.research_direction"] == setup.COUNCIL_2024["research_direction"]
    assert council["decisions.disclosure_review"] == 0
    assert council["members"] == setup.COUNCIL_2024["members"]
    assert {k: int(v) for k, v in numbers(found, "changes").items()} == setup.CHANGES_2024
    supervision = numbers(found, "inspections")
    assert int(supervision["completed"]) == setup.SUPERVISION_2024["completed"]
    assert int(supervision["findings"]) == setup.SUPERVISION_2024["findings"]
    assert int(supervision["findings_rectify"]) == setup.SUPERVISION_2024["rectify"]
    assert int(supervision["rectifications_opened"]) == setup.SUPERVISION_2024["opened"]
    assert int(supervision["rectifications_closed"]) == setup.SUPERVISION_2024["closed"]
    assert rows_of(found, "inspections")["inspections.acceptance"]["value"] == "报告期内无"
    later = rows_of(figures(center, date(2025, 1, 1), date(2025, 12, 31)), "inspections")
    assert later["inspections.acceptance"]["value"] == "通过（2025-01-10）"


def test_a_center_without_a_contract_has_zeros_and_no_kpis(world):
    center = center_for(world)  # contracting
    found = figures(center)
    assert rows_of(found, "kpi") == {}
    assert all(Decimal(r["number"]) == 0 for r in rows_of(found, "funding").values())
    assert all(Decimal(r["number"] or 0) == 0 for r in rows_of(found, "patents").values())


# ---------------------------------------------------------------- cost


def _grow(center, user, n):
    start = date(2024, 2, 1)
    patents = Patent.objects.bulk_create(
        Patent(
            center=center,
            application_number=number(),
            patent_type=Patent.Type.INVENTION,
            title="一种方法",
            filing_date=start,
            grant_date=date(2024, 9, 1),
            legal_status=Patent.LegalStatus.GRANTED,
            is_pct=i % 3 == 0,
            created_by=user,
        )
        for i in range(n)
    )
    Exploitation.objects.bulk_create(
        Exploitation(
            patent=p, kind="license", license_type="open", amount=Decimal(1000), starts_on=start, recorded_by=user
        )
        for p in patents
    )
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            center=center,
            kind=LedgerEntry.Kind.MATCHED,
            amount=Decimal("10.00"),
            occurred_on=start,
            year=2024,
            description="配套",
            created_by=user,
            created_at=setup._at(start),
        )
        for _ in range(n)
    )
    CouncilMeeting.objects.bulk_create(
        CouncilMeeting(center=center, held_on=start, title="会", agenda="议程", recorded_by=user)
        for _ in range(n // 10)
    )


def _queries(center) -> int:
    with CaptureQueriesContext(connection) as captured:
        figures(center)
    return len(captured)


def test_the_cost_does_not_grow_with_the_records(center, user):
    figures(center)  # warm: what a process reads once (the region's high-value settings) is not counted
    before = _queries(center)
    _grow(center, user, 150)
    after = _queries(center)
    assert after == before
    assert after <= 30, after
    assert Decimal(numbers(figures(center), "patents")["inventions_filed"]) == 2 + 150
