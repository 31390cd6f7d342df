"""The contract's pages cost the same number of queries with few or many KPIs, targets, budget lines, tranches
and versions (issue 14: ≤ 15 queries)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.centers import contract
from apps.centers.models import ContractBudgetLine, ContractIndicator, ContractTarget, ContractVersion, Tranche
from apps.centers.tests.contract_setup import approved_change, contract_at
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db


def _grow_rows(version, n=4):
    """More KPIs (each with a target per year), budget lines and tranches on `version`."""

    def grow():
        base = version.indicators.count()
        for i in range(n):
            indicator = ContractIndicator.objects.create(
                version=version, name=f"指标{base + i}", unit="件", baseline=Decimal("1"), order=base + i
            )
            for year in (1, 2, 3):
                ContractTarget.objects.create(indicator=indicator, year=year, value=Decimal(year))
            ContractBudgetLine.objects.create(version=version, category=f"类别{base + i}", amount=Decimal("0"))
        last = version.tranches.order_by("-number").first()
        for i in range(n):
            Tranche.objects.create(
                version=version,
                number=last.number + 1 + i,
                planned_on=last.planned_on,
                amount=Decimal("1"),
            )

    return grow


def _grow_versions(world, version, n=2):
    def grow():
        center = version.contract.center
        for _ in range(n):
            contract.next_version(
                world.user("regional_officer"),
                center,
                change_request=approved_change(world, center),
                edit=lambda v: None,
            )

    return grow


def _url(name, version, **extra):
    args = [version.contract.center_id, *extra.values()]
    return reverse(f"centers:{name}", args=args)


@pytest.mark.parametrize("actor", ["regional_officer", "unit_admin", "prefecture_officer"])
def test_the_tab_in_force_is_flat(world, client_for, actor):
    version = contract_at(world, "in_force")
    count = assert_flat(client_for(actor), _url("contract", version), grow=_grow_rows(version))
    print(f"centers:contract (in force) as {actor}: {count} queries")


@pytest.mark.parametrize(
    "state,actor", [("draft", "regional_officer"), ("sent", "unit_admin"), ("draft", "unit_admin")]
)
def test_the_tab_before_signing_is_flat(world, client_for, state, actor):
    version = contract_at(world, state)
    count = assert_flat(client_for(actor), _url("contract", version), grow=_grow_rows(version))
    print(f"centers:contract ({state}) as {actor}: {count} queries")


@pytest.mark.parametrize("page", ["contract_edit", "contract_indicators", "contract_budget", "contract_tranches"])
def test_the_edit_pages_are_flat(world, client_for, page):
    version = contract_at(world, "draft")
    count = assert_flat(client_for("regional_officer"), _url(page, version), grow=_grow_rows(version))
    print(f"centers:{page}: {count} queries")


def test_the_sign_page_is_flat(world, client_for):
    version = contract_at(world, "confirmed")
    count = assert_flat(client_for("regional_officer"), _url("contract_sign", version), grow=_grow_rows(version))
    print(f"centers:contract_sign: {count} queries")


def test_the_version_page_and_downloads_list_are_flat(world, client_for):
    version = contract_at(world, "in_force")
    client = client_for("unit_member")
    count = assert_flat(client, _url("contract_version", version, number=1), grow=_grow_rows(version))
    print(f"centers:contract_version: {count} queries")
    other = contract_at(world, "in_force")
    count = assert_flat(client, _url("contract_versions", other), grow=_grow_versions(world, other))
    print(f"centers:contract_versions: {count} queries")


def test_the_comparison_is_flat(world, client_for):
    v2 = contract_at(world, "v2")
    v1 = ContractVersion.objects.get(contract=v2.contract, number=1)
    url = _url("contract_compare", v2) + "?a=1&b=2"

    def grow():
        _grow_rows(v1)()
        _grow_rows(v2)()

    count = assert_flat(client_for("regional_officer"), url, grow=grow)
    print(f"centers:contract_compare: {count} queries")


def test_term_dates():
    """The term from the signing day (included) to the day before its anniversary (`apps.core.dates.term_end`;
    the arithmetic itself: apps/core/tests/test_dates.py)."""
    D = datetime.date
    assert contract.term_dates(D(2026, 5, 4), 36) == (D(2026, 5, 4), D(2029, 5, 3))
    assert contract.term_dates(D(2026, 1, 31), 36) == (D(2026, 1, 31), D(2029, 1, 30))
    assert contract.term_dates(D(2028, 2, 29), 36) == (D(2028, 2, 29), D(2031, 2, 28))
    assert contract.term_dates(D(2026, 1, 31), 1) == (D(2026, 1, 31), D(2026, 2, 28))
