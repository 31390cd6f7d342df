"""The contract's pages once it has a history (version 2 in force from a change request, version 1 superseded), for
the actors test_query_counts_contract.py does not walk: the versions' list, a version's page, the comparison and
the tab cost the same number of queries with few or many versions, each with more KPIs (and their targets), budget
lines, tranches and signed scans, within the page limit of issue 14 (15). The officers read every version (drafts
too), the lead unit the versions sent or signed (`contract.versions_visible_to`): two branches of one query."""

import itertools
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.attachments.tests.factories import AttachmentFactory
from apps.attachments.tests.samples import pdf_bytes
from apps.centers import contract
from apps.centers.models import ContractBudgetLine, ContractIndicator, ContractTarget, ContractVersion, Tranche
from apps.centers.tests.contract_setup import approved_change, contract_at, raise_last_target
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


def _more_rows(version, n=3):
    """More KPIs (each with a target per year), budget lines, tranches and signed scans on `version`."""
    base = version.indicators.count()
    for i in range(n):
        indicator = ContractIndicator.objects.create(
            version=version, name=f"增补指标{base + i}", unit="件", baseline=Decimal("1"), order=base + i
        )
        for year in (1, 2, 3):
            ContractTarget.objects.create(indicator=indicator, year=year, value=Decimal(year))
        ContractBudgetLine.objects.create(version=version, category=f"增补类别{base + i}", amount=Decimal("0"))
    last = version.tranches.order_by("-number").first()
    largest = version.tranches.order_by("-amount").first()
    Tranche.objects.filter(pk=largest.pk).update(amount=largest.amount - n)  # the schedule still adds up
    for i in range(n):
        Tranche.objects.create(version=version, number=last.number + 1 + i, planned_on=last.planned_on, amount=1)
    for kind in contract.ATTACHMENT_KINDS:
        k = next(_serial)
        AttachmentFactory(owner=version, kind=kind, original_name=f"扫描件{k}.pdf", content=pdf_bytes(f"scan {k}"))


def _grow(world, version, *, versions=2):
    """`versions` more versions from approved change requests, each with more rows; more rows on `version`."""

    def grow():
        center = version.contract.center
        _more_rows(version)
        for _ in range(versions):
            made = contract.next_version(
                world.user("regional_officer"),
                center,
                change_request=approved_change(world, center),
                edit=raise_last_target,
            )
            _more_rows(made)

    return grow


def _url(name, version, *args, query=""):
    return reverse(f"centers:{name}", args=[version.contract.center_id, *args]) + query


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_admin"])
def test_the_versions_list_is_flat(world, client_for, actor):
    v2 = contract_at(world, "v2")
    client, url = client_for(actor), _url("contract_versions", v2)
    count = assert_flat(client, url, grow=_grow(world, v2))
    assert [v.number for v in client.get(url).context["versions"]] == [4, 3, 2, 1]
    print(f"centers:contract_versions as {actor}: {count} queries")


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_admin"])
@pytest.mark.parametrize("number", [1, 2])  # superseded, in force (then superseded by the versions grown)
def test_a_version_page_is_flat(world, client_for, actor, number):
    v2 = contract_at(world, "v2")
    shown = ContractVersion.objects.get(contract=v2.contract, number=number)
    client, url = client_for(actor), _url("contract_version", v2, number)
    count = assert_flat(client, url, grow=_grow(world, shown))
    page = client.get(url).context
    assert len(page["scans"]) == (4 if number == 1 else 2)  # v1's two signed scans and the two grown ones
    assert len(page["version"].indicators.all()) == shown.indicators.count() >= 4
    print(f"centers:contract_version (v{number}) as {actor}: {count} queries")


@pytest.mark.parametrize("actor", ["prefecture_officer", "unit_admin", "unit_member"])
def test_the_comparison_is_flat(world, client_for, actor):
    v2 = contract_at(world, "v2")
    v1 = ContractVersion.objects.get(contract=v2.contract, number=1)

    def grow():
        _more_rows(v1)
        _grow(world, v2, versions=1)()

    count = assert_flat(client_for(actor), _url("contract_compare", v2, query="?a=1&b=2"), grow=grow)
    print(f"centers:contract_compare as {actor}: {count} queries")


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_member"])
def test_the_tab_with_a_history_is_flat(world, client_for, actor):
    v2 = contract_at(world, "v2")
    client, url = client_for(actor), _url("contract", v2)
    count = assert_flat(client, url, grow=_grow(world, v2))
    assert client.get(url).context["version"].number == 4  # the version in force after growing
    print(f"centers:contract (v2 and later) as {actor}: {count} queries")
