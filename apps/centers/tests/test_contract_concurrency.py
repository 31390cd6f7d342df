"""Two officers at once on real PostgreSQL connections: drafting the same center's contract makes one contract;
two approved changes making the next version at once make versions 2 and 3, one after the other (the second waits
on the Contract's row lock and copies the first's version), never two versions 2 or two in force; the lead unit
confirming while the region recalls: one of them wins, the other is told the state changed."""

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.centers import contract
from apps.centers.models import Center, Contract, ContractVersion
from apps.core.roles import Role
from tests.concurrency import AsShown, call, race, race_calls

S = ContractVersion.Status


def _world():
    from tests.world import build_world

    world = build_world()
    return world, UserFactory(username="regional_2", role=Role.REGIONAL_OFFICER)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_drafting_at_once_make_one_contract():
    from .factories import center_for

    world, second = _world()
    center = center_for(world)
    officers = [world.user("regional_officer"), second]
    results = race(contract.contract_draft, [(o, AsShown(Center, center.pk)) for o in officers])
    assert results == ["exists", "ok"]
    assert Contract.objects.filter(center=center).count() == 1
    assert ContractVersion.objects.filter(contract__center=center).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_changes_at_once_make_consecutive_versions():
    from .contract_setup import approved_change, contract_at, raise_last_target

    world, second = _world()
    center = contract_at(world, "in_force").contract.center
    changes = [approved_change(world, center, kind) for kind in ("kpi_targets", "other")]
    officers = [world.user("regional_officer"), second]
    results = race_calls(
        [
            call(contract.next_version, o, AsShown(Center, center.pk), change_request=c, edit=raise_last_target)
            for o, c in zip(officers, changes, strict=True)
        ]
    )
    assert results == ["ok", "ok"]
    versions = list(ContractVersion.objects.filter(contract__center=center).order_by("number"))
    assert [(v.number, v.status) for v in versions] == [(1, S.SUPERSEDED), (2, S.SUPERSEDED), (3, S.IN_FORCE)]
    assert Contract.objects.get(center=center).current_version_id == versions[2].pk

    def first_kpi(version):
        details = contract.with_details(ContractVersion.objects.filter(pk=version.pk)).get()
        return contract.indicator_rows(details)[0]

    last = contract.years(versions[0])
    assert first_kpi(versions[2])["targets"][last] == first_kpi(versions[0])["targets"][last] + 20  # both edits kept


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_unit_confirming_while_the_region_recalls():
    from .contract_setup import contract_at

    world, _second = _world()
    version = contract_at(world, "sent")
    shown = AsShown(ContractVersion, version.pk)
    results = race_calls(
        [
            call(contract.contract_confirm, world.user("unit_admin"), shown),
            call(contract.contract_recall, world.user("regional_officer"), shown, reason="金额调整"),
        ]
    )
    # The recall always wins (the region may take back a sent or a confirmed version). The confirmation wins only
    # if it came first (then the recall takes the confirmed version back to draft); after the recall it is refused.
    assert results in (["conflict", "ok"], ["ok", "state"], ["ok", "ok"])
    assert ContractVersion.objects.get(pk=version.pk).status == S.DRAFT
