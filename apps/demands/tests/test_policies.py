"""Who may do what in the demand pool, for every role of the standard world."""

import pytest

from apps.demands import policies
from apps.demands.models import Demand
from apps.demands.selectors import visible_to
from apps.demands.workflow import DEMAND
from tests.world import ACTORS

from .factories import ArgumentFactory, DemandFactory, SubmittedArgumentFactory

pytestmark = pytest.mark.django_db

LOGGED_IN = [a for a in ACTORS if a != "anonymous"]


@pytest.mark.parametrize("actor", LOGGED_IN)
def test_only_the_regional_bureau_manages_the_pool(world, actor):
    assert bool(policies.can_manage_pool(world.user(actor))) == (actor == "regional_officer")


@pytest.mark.parametrize("actor", LOGGED_IN)
def test_only_unit_accounts_submit_from_an_account(world, actor):
    expected = actor in ("unit_admin", "unit_member", "unit_admin_other")
    assert bool(policies.can_submit_as_unit(world.user(actor))) == expected


@pytest.mark.parametrize("actor", LOGGED_IN)
def test_who_sees_a_unit_demand(world, actor):
    demand = DemandFactory(organization=world.org)
    expected = actor in ("unit_admin", "unit_member", "regional_officer")
    assert visible_to(world.user(actor)).filter(pk=demand.pk).exists() == expected


@pytest.mark.parametrize("actor", LOGGED_IN)
def test_experts_see_only_what_is_assigned_to_them(world, actor):
    argument = ArgumentFactory(expert=world.users["expert"])
    expected = actor in ("expert", "regional_officer")
    assert visible_to(world.user(actor)).filter(pk=argument.demand.pk).exists() == expected


@pytest.mark.parametrize("actor", LOGGED_IN)
def test_expert_names_and_scores_are_for_the_bureau_only(world, actor):
    demand = DemandFactory(organization=world.org)
    assert bool(policies.can_see_arguments(world.user(actor), demand)) == (actor == "regional_officer")


@pytest.mark.parametrize("actor", LOGGED_IN)
def test_contact_details_for_the_bureau_and_the_own_unit(world, actor):
    demand = DemandFactory(organization=world.org)
    expected = actor in ("regional_officer", "unit_admin", "unit_member")
    assert bool(policies.can_see_contact(world.user(actor), demand)) == expected


def test_an_expert_argues_only_assigned_demands_while_the_argument_runs(world):
    expert = world.users["expert"]
    argument = ArgumentFactory(expert=expert)
    assert policies.can_argue(expert, argument.demand)
    other = ArgumentFactory()
    assert not policies.can_argue(expert, other.demand)
    assert not policies.can_argue(world.users["regional_officer"], argument.demand)
    Demand.objects.filter(pk=argument.demand.pk).update(status=Demand.Status.ARGUED)
    argument.demand.refresh_from_db()
    decision = policies.can_argue(expert, argument.demand)
    assert not decision and decision.reason


def test_argument_starts_with_three_experts_and_concludes_with_three_opinions(world):
    officer = world.users["regional_officer"]
    demand = DemandFactory(status=Demand.Status.UNDER_ARGUMENT)
    assert not policies.enough_experts_assigned(demand)
    SubmittedArgumentFactory(demand=demand)
    SubmittedArgumentFactory(demand=demand)
    ArgumentFactory(demand=demand)
    assert policies.enough_experts_assigned(demand)
    assert not DEMAND.check(officer, demand, "conclude")
    SubmittedArgumentFactory(demand=demand)
    assert DEMAND.check(officer, demand, "conclude")
    assert not DEMAND.check(world.users["expert"], demand, "conclude")


@pytest.mark.parametrize("actor", LOGGED_IN)
def test_only_the_bureau_is_offered_the_screening_actions(world, actor):
    demand = DemandFactory(organization=world.org)
    offered = [option.action for option in DEMAND.options(world.user(actor), demand)]
    assert offered == (["accept", "reject", "merge"] if actor == "regional_officer" else [])


def test_concluding_is_offered_disabled_with_the_count_until_three_opinions_are_in(world):
    demand = DemandFactory(status=Demand.Status.UNDER_ARGUMENT)
    SubmittedArgumentFactory(demand=demand)
    ArgumentFactory(demand=demand)
    [option] = DEMAND.options(world.users["regional_officer"], demand)
    assert option.action == "conclude" and not option.enabled
    assert "已收到 1 份" in option.decision.reason
