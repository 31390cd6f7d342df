"""A center whose contract is in force, for the ledger's and the office's tests: the contract set up directly (the
contract's own tests cover drafting and signing), its term starting `started_days_ago` days before today.

    center = running_center(world)                       # under construction, 1,000,000 yuan in two tranches
    version = in_force(center, budget=(("人员", "100"),))  # another version in force for an existing center
"""

from datetime import timedelta
from decimal import Decimal

from apps.centers.models import Center, Contract, ContractBudgetLine, ContractVersion, Tranche
from apps.core import clock

from .factories import center_for

BUDGET = (("专利导航", "400000.00"), ("人员", "600000.00"))
TRANCHES = (("500000.00", 0), ("500000.00", 365))


def in_force(
    center,
    *,
    funding_total="1000000.00",
    budget=BUDGET,
    tranches=TRANCHES,
    started_days_ago=400,
    years=3,
    officer=None,
) -> ContractVersion:
    """Put a new version of `center`'s contract in force (superseding the one before), with these budget lines
    [(category, amount)] and tranches [(amount, planned days after the term's start)]."""
    from django.contrib.auth import get_user_model

    from apps.core.roles import Role

    officer = officer or get_user_model().objects.filter(role=Role.REGIONAL_OFFICER).first()
    contract, _created = Contract.objects.get_or_create(center=center, defaults={"number": f"TEST-{center.pk:05d}"})
    starts_on = clock.today() - timedelta(days=started_days_ago)
    previous = contract.versions.order_by("-number").first()
    contract.versions.filter(status=ContractVersion.Status.IN_FORCE).update(status=ContractVersion.Status.SUPERSEDED)
    version = ContractVersion.objects.create(
        contract=contract,
        number=(previous.number + 1) if previous else 1,
        status=ContractVersion.Status.IN_FORCE,
        term_starts_on=starts_on,
        term_ends_on=starts_on + timedelta(days=365 * years),
        funding_total=Decimal(funding_total),
        signed_on=starts_on,
        in_force_from=starts_on,
        lead_person="张三",
        created_by=officer,
    )
    for order, (category, amount) in enumerate(budget):
        ContractBudgetLine.objects.create(version=version, category=category, amount=Decimal(amount), order=order)
    for number, (amount, days) in enumerate(tranches, start=1):
        Tranche.objects.create(
            version=version, number=number, amount=Decimal(amount), planned_on=starts_on + timedelta(days=days)
        )
    Contract.objects.filter(pk=contract.pk).update(current_version=version)
    return version


def running_center(world, *, org=None, partners=1, **contract) -> Center:
    """A center under construction with its contract in force (see `in_force`)."""
    center = center_for(world, org=org, status=Center.Status.UNDER_CONSTRUCTION, partners=partners)
    in_force(center, **contract)
    return center


def with_partner(world, organization, *, org=None) -> Center:
    """A running center with `organization` (e.g. the world's other unit) as its current partner."""
    from apps.centers.models import CenterPartner

    center = running_center(world, org=org, partners=0)
    CenterPartner.objects.create(
        center=center, organization=organization, role="upstream_enterprise", joined_on=clock.today()
    )
    return center
