"""The KPI table and the records behind a figure cost the same number of queries with 5 and with 200 patents (and
their gradings, events, standards, alliances, disclosures): every metric is one aggregate for all the years, never a
query per patent (issue 16). A typical contract (four KPIs) stays within the page limit of issue 14."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.core import clock
from apps.patents.metrics import METRICS
from apps.patents.models import Exploitation, FamilyMember, Patent, PatentGrade, Standard
from tests.query_counts import PAGE_QUERY_LIMIT, assert_flat

from .factories import number
from .kpi_setup import contract, portfolio

pytestmark = pytest.mark.django_db
ALL_METRICS = tuple((f"指标{key}", METRICS[key].unit, "", {1: "1", 2: "2", 3: "3"}, key) for key in METRICS)


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


def test_the_table_with_every_metric_bound_is_flat(world, client_for, center):
    contract(center, starts_on=clock.today() - timedelta(days=400), indicators=ALL_METRICS)
    client = client_for("regional_officer")
    url = reverse("patents:kpi", args=[center.pk])
    count = assert_flat(client, url, grow=grow(center, world.user("unit_admin"), 200), limit=40)
    assert count <= 40


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
    assert_flat(client, url, grow=grow(center, world.user("unit_admin"), 50), limit=40)
