"""The dashboards' figures against the database (hand-built: tests/setup.py), scoped as every page: the region counts
every center, a prefecture office only its own (another prefecture's center is never counted), and each figure
links to the list behind it, filtered."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from apps.centers.models import Center, LedgerEntry
from apps.dashboards import selectors

from .setup import build

pytestmark = pytest.mark.django_db
Kind = LedgerEntry.Kind


def _series(chart, key):
    return next(s for s in chart["series"] if s["key"] == key)


def _values(chart, key):
    return [d["value"] for d in _series(chart, key)["data"]]


def _ledger_sum(centers, kind):
    return LedgerEntry.objects.filter(center__in=centers, kind=kind).aggregate(s=Sum("amount"))["s"]


def test_the_region_counts_every_center_and_its_figures_match_the_database(world):
    built = build(world)
    area = selectors.area(world.user("regional_officer"))
    assert area.is_region and area.total_centers == 3 and area.running_centers == 3

    regions = {r["name"]: r for r in area.map_regions}
    assert regions["呼和浩特市"]["value"] == 2 and regions["包头市"]["value"] == 1
    assert regions["呼和浩特市"]["url"] == reverse("centers:list") + f"?prefecture={world.prefecture.pk}"
    assert len(area.map_regions) == 12 and {p["name"] for p in area.map_points} == {"满洲里市", "二连浩特市"}
    assert all(p["value"][2] == 0 for p in area.map_points)

    industries = {i["name"]: i["value"] for i in area.by_industry}
    assert industries == {built.industry_1.name: 2, built.industry_2.name: 1}
    assert area.by_industry[0]["url"].endswith(f"?industry={built.industry_1.pk}")

    # funding: sums of entries, corrections included (a1's second tranche corrected away)
    assert area.funding_totals[Kind.ALLOCATION] == Decimal(
        "900000.00"
    )  # 300,000 + 200,000 − 200,000 + 100,000 + 500,000
    assert area.funding_totals[Kind.ALLOCATION] == _ledger_sum([built.a1, built.a2, built.b1], Kind.ALLOCATION)
    assert area.funding_totals[Kind.EXPENDITURE] == Decimal("80000.00")
    assert area.funding_totals[Kind.CLAWBACK] == Decimal("35000.00")  # a receipt does not reduce what was clawed back
    by_prefecture = area.funding_by_prefecture
    assert by_prefecture["labels"] == ["呼和浩特市", "包头市"]
    assert _values(by_prefecture, Kind.ALLOCATION) == [400000.0, 500000.0]
    assert _values(by_prefecture, Kind.CLAWBACK) == [30000.0, 5000.0]

    # KPI completion: each center's latest report with KPI figures (a1's 2025, not 2024; a2 has none)
    kpi = area.kpi
    assert kpi["labels"] == [
        f"{selectors.short_name(built.a1.name)}（2025）",
        f"{selectors.short_name(built.b1.name)}（2025）",
    ] or kpi["labels"] == [
        f"{selectors.short_name(built.b1.name)}（2025）",
        f"{selectors.short_name(built.a1.name)}（2025）",
    ]
    row = kpi["labels"].index(f"{selectors.short_name(built.a1.name)}（2025）")
    assert [_values(kpi, s)[row] for s in ("met", "behind", "not_reported", "not_yet_due")] == [1, 2, 0, 1]
    assert _series(kpi, "met")["data"][row]["url"] == reverse("patents:kpi", args=[built.a1.pk])
    assert kpi["without"] == 1

    # grades: first attempts confirmed, by the year the round's period ends
    grades = area.grades
    assert grades["labels"] == ["2023", "2024"]
    assert _values(grades, "excellent") == [0, 1]
    assert _values(grades, "qualified") == [1, 0]
    assert _values(grades, "unqualified") == [0, 1]

    # the pipeline
    assert area.reports_due == 1 and area.reports_overdue == 1
    assert area.rectifications_running == 2
    assert {a["name"]: a["value"] for a in area.applications} == {"已立项": 3} or sum(
        a["value"] for a in area.applications
    ) == 3
    assert all(a["url"].startswith(reverse("applications:list") + "?status=") for a in area.applications)


def test_a_prefecture_office_counts_only_its_own_centers(world):
    built = build(world)
    area = selectors.area(world.user("prefecture_officer"))
    assert not area.is_region and area.prefecture == world.prefecture
    assert area.total_centers == 2
    regions = {r["name"]: r["value"] for r in area.map_regions}
    assert regions["呼和浩特市"] == 2 and regions["包头市"] == 0  # prefecture B's center is never counted
    assert {i["name"]: i["value"] for i in area.by_industry} == {built.industry_1.name: 1, built.industry_2.name: 1}
    assert area.funding_totals[Kind.ALLOCATION] == Decimal("400000.00")
    assert area.funding_totals[Kind.CLAWBACK] == Decimal("30000.00")
    in_a = Center.objects.filter(prefecture=world.prefecture).order_by("name").values_list("name", flat=True)
    assert area.funding_by_center["labels"] == [selectors.short_name(name) for name in in_a]
    assert all(
        d["url"] in (reverse("centers:funding", args=[built.a1.pk]), reverse("centers:funding", args=[built.a2.pk]))
        for d in _series(area.funding_by_center, Kind.ALLOCATION)["data"]
    )
    assert area.kpi["labels"] == [f"{selectors.short_name(built.a1.name)}（2025）"]
    # the prefecture sees the published results only: a1's excellent (2024, announced) and a2's qualified (2023)
    assert _values(area.grades, "excellent") == [0, 1] and _values(area.grades, "unqualified") == [0, 0]
    assert area.rectifications_running == 1 and area.reports_overdue == 1
    assert area.demands == []  # the demand pool is the region's

    other = selectors.area(world.user("prefecture_officer_other"))
    assert other.total_centers == 1 and other.funding_totals[Kind.ALLOCATION] == Decimal("500000.00")
    assert other.rectifications_running == 1 and other.reports_due == 0
    assert selectors.short_name(built.a1.name) not in str(other.charts())


def test_a_center_dashboard_shows_its_kpis_funds_and_deadlines(world, clock):
    built = build(world)
    figures = selectors.center(built.a1)
    assert figures.balance.allocated == Decimal("300000.00") and figures.balance.spent == Decimal("80000.00")
    assert figures.balance.clawed_back == Decimal("30000.00")
    year = str((clock.today() - timedelta(days=5)).year)  # the entries' date (tests/setup.py)
    assert figures.funding["labels"] == [year]
    assert _values(figures.funding, "allocated") == [300000.0]
    assert (
        _series(figures.funding, "spent")["data"][0]["url"]
        == reverse("centers:funding", args=[built.a1.pk]) + f"?year={year}"
    )
    # the KPI engine's table: one series per contract year, one bar per KPI
    assert len(figures.kpi["series"]) == len(figures.table.years) == 3
    assert len(figures.kpi["labels"]) == len(figures.table.rows)
    labels = [d.label for d in figures.deadlines]
    rectification = reverse("centers:rectification", args=[built.a1.pk, built.a1.rectifications.get().pk])
    assert rectification in [d.url for d in figures.deadlines]
    assert any("20,000.00" in x for x in labels)  # the clawback still owed: 30,000 − 10,000
    assert any("500,000.00" in x for x in labels)  # tranche 2 corrected away: all of it still to allocate
    assert [d.on for d in figures.deadlines] == sorted(d.on for d in figures.deadlines)
    # b1's clawback is not a1's deadline
    assert not any("5,000.00" in x for x in labels)
