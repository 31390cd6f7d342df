"""Evaluation support (Art. 17(1)) in the ledger: an allocation beyond the contract's tranches (tranche 0), which
neither a tranche nor the contract's total limits, nor limits the tranches after it."""

from decimal import Decimal

import pytest

from apps.centers import funding
from apps.centers.models import Center, LedgerEntry
from apps.core.errors import DomainError, PermissionDenied

from .funding_setup import running_center

pytestmark = pytest.mark.django_db


def _support(world, center, amount="300000", **kwargs):
    values = {"occurred_on": None, "document_number": "内市监知字〔2027〕9号", "reason": "绩效评价优秀。"}
    values.update(kwargs)
    return funding.allocate_support(world.user("regional_officer"), center, amount=amount, **values)


def _tranche(world, center, number, amount="500000"):
    version = funding.version_in_force(center)
    return funding.allocate(
        world.user("regional_officer"),
        center,
        tranche_number=number,
        amount=amount,
        occurred_on=version.term_starts_on,
        document_number=f"拨付{number}号",
    )


def test_support_is_an_allocation_beyond_the_tranches(world):
    center = running_center(world)
    _tranche(world, center, 1)
    entry = _support(world, center, "2000000")  # more than the contract's total: not limited by it
    assert (entry.kind, entry.tranche_number) == (LedgerEntry.Kind.ALLOCATION, funding.SUPPORT_TRANCHE)
    _tranche(world, center, 2)  # the contract's total (1,000,000) is reached by the tranches alone
    balance = funding.balance(center)
    assert balance.allocated == Decimal("3000000.00")
    assert funding.ledger_of(center).allocated_by_tranche() == {1: Decimal("500000.00"), 2: Decimal("500000.00")}
    with pytest.raises(DomainError) as exc:
        _tranche(world, center, 2, "0.01")
    assert exc.value.code == "over_tranche"
    # support counts in what can be clawed back
    funding.clawback(
        world.user("regional_officer"), center, amount="3000000", reason="摘牌追回", due_on=entry.occurred_on
    )
    assert funding.balance(center).available == Decimal("0.00")


def test_support_refusals_change_nothing(world):
    center = running_center(world)
    with pytest.raises(DomainError) as exc:
        _support(world, center, "0")
    assert "须大于零" in exc.value.message
    with pytest.raises(DomainError) as exc:
        _support(world, center, document_number=" ")
    assert "请填写" in exc.value.message
    with pytest.raises(PermissionDenied):
        funding.allocate_support(
            world.user("unit_admin"), center, amount="1", occurred_on=None, document_number="x", reason="y"
        )
    Center.objects.filter(pk=center.pk).update(status=Center.Status.DELISTED)
    with pytest.raises(DomainError) as exc:
        _support(world, center)
    assert exc.value.code == "ended"
    assert not LedgerEntry.objects.exists()


def test_the_ledger_page_names_the_support(world, client_for):
    center = running_center(world)
    _support(world, center)
    from django.urls import reverse

    page = client_for("regional_officer").get(reverse("centers:funding", args=[center.pk])).content.decode()
    assert "绩效评价资金支持（第十七条第一项）" in page
