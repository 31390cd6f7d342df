"""Two officers allocating at once cannot over-allocate (issue 15): real connections on PostgreSQL. The second waits
on the row lock of the center's contract, then sees the first's entry and is refused with the amount left."""

from datetime import timedelta
from decimal import Decimal

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.centers import funding
from apps.centers.models import Center, LedgerEntry
from apps.core import clock
from apps.core.roles import Role
from tests.concurrency import AsShown, race


def _center():
    from tests.world import build_world

    from .funding_setup import running_center

    world = build_world()
    center = running_center(world, funding_total="800000", tranches=(("500000", 0), ("500000", 30)))
    second = UserFactory(username="regional_2", role=Role.REGIONAL_OFFICER)
    return world, center, [world.user("regional_officer"), second]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_allocating_the_same_tranche_at_once_cannot_over_allocate():
    _world, center, officers = _center()

    def allocate(officer, shown_center):
        funding.allocate(
            officer,
            shown_center,
            tranche_number=1,
            amount="300000",
            occurred_on=clock.today() - timedelta(days=1),
            document_number=f"文号-{officer.username}",
        )

    assert race(allocate, [(officer, AsShown(Center, center.pk)) for officer in officers]) == ["ok", "over_tranche"]
    assert funding.balance(center).allocated == Decimal("300000.00")
    assert LedgerEntry.objects.filter(center=center).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_allocating_two_tranches_at_once_cannot_pass_the_contract_total():
    _world, center, officers = _center()

    def allocate(officer, shown_center):
        funding.allocate(
            officer,
            shown_center,
            tranche_number=1 if officer == officers[0] else 2,
            amount="500000",
            occurred_on=clock.today() - timedelta(days=1),
            document_number=f"文号-{officer.username}",
        )

    assert race(allocate, [(officer, AsShown(Center, center.pk)) for officer in officers]) == ["ok", "over_contract"]
    assert funding.balance(center).allocated == Decimal("500000.00")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_corrections_of_one_entry_at_once_make_one_reversing_entry():
    _world, center, officers = _center()
    entry = funding.allocate(
        officers[0], center, tranche_number=1, amount="1000", occurred_on=clock.today(), document_number="文号"
    )

    def correct(officer, shown_entry):
        funding.correct(officer, shown_entry, reason=officer.username)

    assert race(correct, [(officer, AsShown(LedgerEntry, entry.pk)) for officer in officers]) == ["corrected", "ok"]
    assert LedgerEntry.objects.filter(corrects=entry).count() == 1
