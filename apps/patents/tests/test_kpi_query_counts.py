"""The KPI table and the records behind a figure cost the same number of queries whatever the number of patents (and
their gradings, events, standards, alliances, disclosures), KPIs and contract years, within the page limit of
issue 14 (15): every bound metric is computed for every year and every cumulative window by `metrics.figures`, ONE
query per source (the patents, the utilization events, the center's registers of standards and alliances), never a
query per year, per metric or per patent."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.core import clock
from apps.patents.metrics import METRICS
from apps.patents.models import (
    Alliance,
    Disclosure,
    Exploitation,
    FamilyMember,
    Patent,
    PatentGrade,
    PreFilingAssessment,
    Standard,
    StrategicIPC,
)
from tests.query_counts import PAGE_QUERY_LIMIT, assert_flat, page_queries

from .factories import number
from .kpi_setup import contract, portfolio

pytestmark = pytest.mark.django_db
ALL_METRICS = tuple((f"指标{key}", METRICS[key].unit, "", {1: "1", 2: "2", 3: "3"}, key) for key in METRICS)
# Every metric bound, and one KPI no metric computes (its self-reported values are read too).
EVERY_KIND_OF_KPI = (*ALL_METRICS, ("自主知识产权菌种", "株", "", {1: "2", 2: "5", 3: "10"}, ""))
# The tables the metrics read: a query that names one of them is a metric's query.
METRIC_TABLES = re.compile(r'"patents_(patent|exploitation|standard|alliance|patentgrade|prefilingassessment)"')


def grow(center, user, n):
    """`n` more patents, each granted, graded twice, with an overseas family member, a licence and a standard."""

    def run():
        start = clock.today() - timedelta(days=300)
        patents = Patent.objects.bulk_create(
            Patent(
                center=center,
                application_number=number(),
                patent_type=Patent.Type.INVENTION,
                title="一种方法",
                filing_date=start,
                grant_date=start + timedelta(days=i % 200),
                legal_status=Patent.LegalStatus.GRANTED,
                is_pct=i % 3 == 0,
                created_by=user,
            )
            for i in range(n)
        )
        PatentGrade.objects.bulk_create(
            PatentGrade(
                patent=p,
                legal_score=Decimal(50),
                technical_score=Decimal(50),
                economic_score=Decimal(50),
                total=Decimal(50),
                suggested=g,
                grade=g,
                handling="maintain",
                graded_by=user,
                graded_on=start + timedelta(days=d),
            )
            for p in patents
            for g, d in (("B", 10), ("A", 20))
        )
        FamilyMember.objects.bulk_create(
            FamilyMember(patent=p, number=f"US{p.pk}", country="US", overseas=True) for p in patents
        )
        Exploitation.objects.bulk_create(
            Exploitation(
                patent=p, kind="license", license_type="open", amount=Decimal(1000), starts_on=start, recorded_by=user
            )
            for p in patents
        )
        Standard.objects.bulk_create(
            Standard(
                center=center,
                number=f"T/G {p.pk}",
                name="标准",
                level="group",
                role="lead",
                published_on=start,
                recorded_by=user,
            )
            for p in patents
        )

    return run


@pytest.fixture
def center(world):
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    portfolio(center, world.user("unit_admin"))  # five-odd patents of every kind
    return center


def spread(center, user, n, starts_on, *, first=0):
    """`n` patents filed over the three contract years from `starts_on` (patent i on day 7·i mod 1 000), each with
    what every metric reads: two gradings, an overseas family member, a licence, an assignment and a pledge, a
    standard, an alliance (every other one left), a disclosure assessed before filing; every third a PCT record."""
    patents = Patent.objects.bulk_create(
        Patent(
            center=center,
            application_number=number(),
            patent_type=Patent.Type.INVENTION,
            title="一种稀土永磁材料",
            ipc_main="H01F 1/057",
            filing_date=starts_on + timedelta(days=(7 * i) % 1000),
            grant_date=starts_on + timedelta(days=(7 * i) % 1000 + 90),
            legal_status=Patent.LegalStatus.GRANTED,
            is_pct=i % 3 == 0,
            created_by=user,
        )
        for i in range(first, first + n)
    )
    PatentGrade.objects.bulk_create(
        PatentGrade(
            patent=p,
            legal_score=Decimal(50),
            technical_score=Decimal(50),
            economic_score=Decimal(50),
            total=Decimal(50),
            suggested=g,
            grade=g,
            handling="maintain",
            graded_by=user,
            graded_on=p.filing_date + timedelta(days=d),
        )
        for p in patents
        for g, d in (("B", 10), ("A", 200))
    )
    FamilyMember.objects.bulk_create(
        FamilyMember(patent=p, number=f"US{p.pk}B2", country="US", overseas=True) for p in patents
    )
    Exploitation.objects.bulk_create(
        Exploitation(
            patent=p,
            kind=kind,
            license_type="open" if kind == "license" else "",
            amount=Decimal(10_000),
            starts_on=p.filing_date + timedelta(days=30),
            recorded_by=user,
        )
        for p in patents
        for kind in ("license", "assignment", "pledge")
    )
    Standard.objects.bulk_create(
        Standard(
            center=center,
            number=f"T/NM {p.pk}-2024",
            name="标准",
            level="group",
            role="lead",
            published_on=p.filing_date,
            recorded_by=user,
        )
        for p in patents
    )
    Alliance.objects.bulk_create(
        Alliance(
            center=center,
            kind=Alliance.Kind.ALLIANCE,
            name=f"联盟{p.pk}",
            role=Alliance.Role.MEMBER,
            joined_on=p.filing_date,
            left_on=p.filing_date + timedelta(days=100) if j % 2 else None,
            recorded_by=user,
        )
        for j, p in enumerate(patents)
    )
    disclosures = Disclosure.objects.bulk_create(
        Disclosure(
            center=center,
            number=f"JD-Q-{p.pk}",
            title="稀土永磁",
            technical_field="材料",
            problem="矫顽力",
            solution="晶界扩散",
            status=Disclosure.Status.FILED,
            patent=p,
            created_by=user,
        )
        for p in patents
    )
    PreFilingAssessment.objects.bulk_create(
        PreFilingAssessment(
            disclosure=d,
            technical=Decimal(80),
            market=Decimal(80),
            drafting=Decimal(80),
            layout=Decimal(80),
            weighted_score=Decimal(80),
            conclusion=PreFilingAssessment.Conclusion.FILE,
            reasons="值得申请",
            assessor=user,
            assessed_on=d.patent.filing_date - timedelta(days=10),
        )
        for d in disclosures
    )
    return patents


def metric_queries(sql: list[str]) -> list[str]:
    return [q for q in sql if METRIC_TABLES.search(q)]


@pytest.fixture
def three_years(world):
    """A center with 3 patents over a term of three years that started 2½ years ago (the third year running),
    every metric bound and one KPI self-reported; a strategic IPC prefix the patents' codes meet."""
    StrategicIPC.objects.create(ipc_prefix="H01F", industry="新材料")
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    starts_on = clock.today() - relativedelta(years=2, months=6)
    contract(center, starts_on=starts_on, indicators=EVERY_KIND_OF_KPI)
    spread(center, world.user("unit_admin"), 3, starts_on)
    return center, starts_on


def test_the_whole_table_costs_the_same_at_3_and_40_patents_over_3_years(world, client_for, three_years):
    center, starts_on = three_years
    client = client_for("regional_officer")
    url = reverse("patents:kpi", args=[center.pk])
    page_queries(client, url)  # warm-up (the session's first request)
    few, sql_few = page_queries(client, url)
    table = client.get(url).context["table"]
    assert len(table.years) == 3 and all(c.until for row in table.rows for c in row.cells)  # three years running
    assert len(table.rows) == len(METRICS) + 1

    spread(center, world.user("unit_admin"), 37, starts_on, first=3)
    many, sql_many = page_queries(client, url)
    assert few == many <= PAGE_QUERY_LIMIT, "\n".join(sql_many)
    # Every metric, every year, the cumulative column: one query per source (patents, events, the registers).
    assert len(metric_queries(sql_few)) == len(metric_queries(sql_many)) == 3, "\n".join(metric_queries(sql_many))
    assert client.get(url).context["table"].row(table.rows[0].indicator.pk).to_date == Decimal(40)


def test_the_table_as_of_a_past_date_costs_the_same(world, client_for, three_years):
    center, starts_on = three_years
    client = client_for("prefecture_officer")
    today = reverse("patents:kpi", args=[center.pk])
    day = starts_on + relativedelta(years=1, months=3)  # in year 2
    url = f"{today}?as_of={day.isoformat()}"
    page_queries(client, url)
    few, sql = page_queries(client, url)
    assert len(metric_queries(sql)) == 3
    response = client.get(url)
    table = response.context["table"]
    assert table.as_of == day and table.current_year.number == 2
    filings = table.row(next(r.indicator.pk for r in table.rows if r.metric and r.metric.key == "invention_filings"))
    # patent i is filed on day 7·i: those filed up to the date count, year 3 has not started
    filed = sum(1 for i in range(3) if starts_on + timedelta(days=7 * i) <= day)
    assert filings.to_date == Decimal(filed) and filings.cells[2].until is None

    spread(center, world.user("unit_admin"), 37, starts_on, first=3)
    many, _sql = page_queries(client, url)
    assert few == many <= PAGE_QUERY_LIMIT
    assert many == page_queries(client, today)[0]  # the same as today's table
    table = client.get(url).context["table"]
    later = sum(1 for i in range(40) if starts_on + timedelta(days=(7 * i) % 1000) <= day)
    assert table.row(filings.indicator.pk).to_date == Decimal(later)


def test_the_table_with_every_metric_bound_is_flat(world, client_for, center):
    contract(center, starts_on=clock.today() - timedelta(days=400), indicators=ALL_METRICS)
    client = client_for("regional_officer")
    url = reverse("patents:kpi", args=[center.pk])
    assert_flat(client, url, grow=grow(center, world.user("unit_admin"), 200))


def test_a_typical_contract_is_within_the_page_limit(world, client_for, center):
    contract(center, starts_on=clock.today() - timedelta(days=400))
    client = client_for("unit_admin")
    url = reverse("patents:kpi", args=[center.pk])
    assert_flat(client, url, grow=grow(center, world.user("unit_admin"), 200), limit=PAGE_QUERY_LIMIT)


@pytest.mark.parametrize("key", ["invention_grants", "licence_amount", "grade_a", "standards", "high_value"])
def test_the_records_page_is_flat(world, client_for, center, key):
    version = contract(center, starts_on=date(2024, 1, 1), indicators=[("指标", METRICS[key].unit, "", {}, key)])
    indicator = version.indicators.get()
    client = client_for("prefecture_officer")
    url = reverse("patents:kpi_records", args=[center.pk, indicator.pk, 0])
    assert_flat(client, url, grow=grow(center, world.user("unit_admin"), 60))


def test_a_past_as_of_costs_the_same(world, client_for, center):
    contract(center, starts_on=date(2024, 1, 1), indicators=ALL_METRICS)
    client = client_for("regional_officer")
    url = reverse("patents:kpi", args=[center.pk]) + "?as_of=2025-06-30"
    assert_flat(client, url, grow=grow(center, world.user("unit_admin"), 50))
