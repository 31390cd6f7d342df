"""The portfolio's pages cost the same number of queries with 5 or 50 patents, and a patent's page the same with
few or many status steps, family members, awards and utilization events (issue 14: ≤ 15 queries)."""

import itertools
from datetime import date, timedelta

import pytest
from django.urls import reverse

from apps.centers.tests.funding_setup import with_partner
from apps.patents import detail_panels
from apps.patents.models import Award, FamilyMember, LegalStatusChange
from apps.patents.tests import factories
from tests.query_counts import PAGE_QUERY_LIMIT, assert_flat

pytestmark = pytest.mark.django_db
_serial = itertools.count(1_000_000)


def _grow(center, user, n):
    def grow():
        for i in range(n):
            patent = factories.patent(
                center, user=user, filing_date=date(2015, 1, 1) + timedelta(days=i * 30),
                legal_status="granted" if i % 2 else "pending", tasks=["transfer_use"] if i % 3 else [],
                applicants=["包头稀土研究院", "内蒙古大学"],
            )  # fmt: skip
            _events(patent, 2)

    return grow


def _events(patent, n):
    from apps.patents.models import Exploitation

    for i in range(n):
        LegalStatusChange.objects.create(patent=patent, status="published", on=patent.filing_date + timedelta(days=i))
        FamilyMember.objects.create(patent=patent, number=f"US{next(_serial)}A1", country="US", overseas=True)
        Award.objects.create(patent=patent, kind="other", name=f"奖{i}", awarded_on=date(2023, 1, 1))
        Exploitation.objects.create(
            patent=patent, kind="license", license_type="open", counterparty=f"被许可人{i}", amount=100,
            starts_on=date(2024, 1, 1) + timedelta(days=i), recorded_by=patent.created_by,
        )  # fmt: skip


@pytest.mark.parametrize("actor", ["unit_admin", "prefecture_officer", "unit_admin_other"])
def test_the_portfolio_list_is_flat_from_5_to_50_patents(world, client_for, actor):
    center = with_partner(world, world.org_other)
    user = world.user("unit_admin")
    _grow(center, user, 5)()
    client = client_for(actor)
    url = reverse("patents:portfolio", args=[center.pk])
    assert_flat(client, url, grow=_grow(center, user, 45))
    assert_flat(client, url + "?q=稀土&task=transfer_use&overseas=true&sort=-grant&page=2", grow=_grow(center, user, 5))


@pytest.mark.parametrize("actor", ["regional_officer", "unit_admin"])
def test_the_list_of_every_patent_is_flat(world, client_for, actor):
    center = with_partner(world, world.org_other)
    user = world.user("unit_admin")
    _grow(center, user, 5)()
    assert_flat(client_for(actor), reverse("patents:all"), grow=_grow(center, user, 45))


@pytest.mark.parametrize("actor", ["unit_admin", "regional_officer"])
def test_a_patents_page_is_flat_in_its_events(world, client_for, actor):
    """With every part's panel registered: flat, and within the house limit."""
    center = with_partner(world, world.org_other)
    patent = factories.patent(center, user=world.user("unit_admin"), filing_date=date(2015, 1, 1))
    _events(patent, 1)
    assert len(detail_panels.REGISTRY.panels) >= 4  # grading, utilization, standards, assessment
    assert_flat(client_for(actor), patent.get_absolute_url(), grow=lambda: _events(patent, 20), limit=PAGE_QUERY_LIMIT)


@pytest.mark.parametrize("actor", ["unit_admin", "regional_officer"])
def test_the_portfolios_own_part_of_a_patents_page_is_within_the_limit(world, client_for, actor, monkeypatch):
    """Without the other parts' panels, the page (history, family, awards, what blocks a deletion) is ≤ 15."""
    monkeypatch.setattr(detail_panels.REGISTRY, "panels", [])
    center = with_partner(world, world.org_other)
    patent = factories.patent(center, user=world.user("unit_admin"), filing_date=date(2015, 1, 1))
    _events(patent, 1)
    assert_flat(client_for(actor), patent.get_absolute_url(), grow=lambda: _events(patent, 20))


@pytest.mark.parametrize("actor", ["unit_admin", "regional_officer"])
def test_a_patents_page_costs_the_same_with_or_without_the_disclosure_it_was_filed_from(world, client_for, actor):
    """The assessment panel reads the disclosure and its assessments in two queries whether or not a disclosure is
    linked (the bench's patent had one at 10k and none at 1k: 15 and 14 queries)."""
    from apps.core import clock
    from apps.patents import assessment

    from .assessment_setup import disclosure_at, running_center

    center = running_center(world)
    patent = factories.patent(center, user=world.user("unit_admin"), filing_date=clock.today())
    disclosure = disclosure_at(world, center, "assessed")

    def link():
        assessment.disclosure_link(world.user("unit_member"), disclosure, patent=patent)

    count = assert_flat(client_for(actor), patent.get_absolute_url(), grow=link)
    assert count <= PAGE_QUERY_LIMIT
