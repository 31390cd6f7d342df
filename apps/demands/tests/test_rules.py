"""The number of experts who argue a demand is the bureau's parameter (demands.rules.ARGUMENT_MIN_EXPERTS)."""

import pytest

from apps.core.errors import DomainError
from apps.demands import rules, services
from apps.demands.models import Argument, Demand
from apps.parameters.services import parameter_update

from .factories import DemandFactory, expert_user

pytestmark = pytest.mark.django_db


def test_the_argument_needs_the_number_of_experts_the_bureau_set(world):
    officer = world.user("regional_officer")
    parameter_update(officer, "demands.argument_min_experts", value=4, reason="重大需求")
    assert rules.ARGUMENT_MIN_EXPERTS.value() == 4
    demand = DemandFactory(status=Demand.Status.ACCEPTED)
    with pytest.raises(DomainError) as exc:
        services.argument_assign(officer, demand, [expert_user() for _ in range(3)])
    assert "4" in exc.value.message
    assert not Argument.objects.exists()
    services.argument_assign(officer, demand, [expert_user() for _ in range(4)])
    demand.refresh_from_db()
    assert demand.status == Demand.Status.UNDER_ARGUMENT


def test_fewer_than_three_experts_cannot_be_set(world):
    with pytest.raises(DomainError) as exc:
        parameter_update(world.user("regional_officer"), "demands.argument_min_experts", value=2, reason="试")
    assert "3 至 15" in exc.value.message
