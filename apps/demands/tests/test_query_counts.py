"""Issue 14: every page of the demand pool costs the same queries with a few rows or many (and at most 15): the
pool, the rounds, a unit's own demands, an expert's assignments, a demand's page and the argument form."""

import pytest
from django.urls import reverse

from apps.calls.tests.factories import TopicFactory
from apps.demands.models import Demand
from tests.query_counts import assert_flat

from .factories import (
    ArgumentFactory,
    CollectionRoundFactory,
    DemandFactory,
    SubmittedArgumentFactory,
    expert_user,
)

pytestmark = pytest.mark.django_db

STATUSES = [status for status, _label in Demand.Status.choices if status != Demand.Status.MERGED]


def _demands(world, n, *, organization=None, expert=None):
    """`n` demands in every status (adopted ones held by a topic), each with a submitted and an open argument."""
    round_ = CollectionRoundFactory()
    target = DemandFactory(round=round_)
    for i in range(n):
        status = STATUSES[i % len(STATUSES)]
        extra = {"organization": organization, "organization_name": organization.name} if organization else {}
        demand = DemandFactory(round=round_, status=status, **extra)
        SubmittedArgumentFactory(demand=demand, **({"expert": expert} if expert else {}))
        ArgumentFactory(demand=demand)
        if status == Demand.Status.ADOPTED:
            TopicFactory().demands.add(demand)
        DemandFactory(round=round_, status=Demand.Status.MERGED, merged_into=target)


def test_the_pool_is_flat(world, client_for):
    client = client_for("regional_officer")
    _demands(world, 3)
    assert_flat(client, reverse("demands:pool"), grow=lambda: _demands(world, 30))
    assert_flat(client, reverse("demands:pool") + "?status=adopted", grow=lambda: _demands(world, 30))
    assert_flat(client, reverse("demands:pool") + "?q=稀土&page=2", grow=lambda: _demands(world, 30))


def test_the_rounds_are_flat(world, client_for):
    client = client_for("regional_officer")
    _demands(world, 2)

    def grow():
        for _ in range(12):
            _demands(world, 2)

    assert_flat(client, reverse("demands:rounds"), grow=grow)


@pytest.mark.parametrize("actor", ["unit_admin", "unit_member"])
def test_a_units_own_demands_are_flat(world, client_for, actor):
    client = client_for(actor)
    _demands(world, 2, organization=world.org)
    assert_flat(client, reverse("demands:mine"), grow=lambda: _demands(world, 30, organization=world.org))


def test_the_experts_assignments_are_flat(world, client_for):
    client = client_for("expert")
    expert = world.user("expert")
    _demands(world, 2, expert=expert)
    assert_flat(client, reverse("demands:assignments"), grow=lambda: _demands(world, 30, expert=expert))


def _busy_demand(world, status):
    demand = DemandFactory(
        organization=world.org, organization_name=world.org.name, submitted_by=world.user("unit_admin"), status=status
    )
    ArgumentFactory(demand=demand, expert=world.user("expert"))

    def grow():
        for _ in range(6):
            SubmittedArgumentFactory(demand=demand)
            ArgumentFactory(demand=demand)
            DemandFactory(status=Demand.Status.MERGED, merged_into=demand)
            DemandFactory(status=status, title=demand.title)  # similar demands
            expert_user()  # more candidates
            if status == Demand.Status.ADOPTED:
                TopicFactory().demands.add(demand)

    return demand, grow


@pytest.mark.parametrize("status", [Demand.Status.SUBMITTED, Demand.Status.UNDER_ARGUMENT, Demand.Status.ADOPTED])
@pytest.mark.parametrize("actor", ["regional_officer", "unit_admin", "unit_member", "expert"])
def test_a_demands_page_is_flat(world, client_for, actor, status):
    demand, grow = _busy_demand(world, status)
    assert_flat(client_for(actor), reverse("demands:detail", args=[demand.pk]), grow=grow)


def test_the_argument_form_is_flat(world, client_for):
    demand, grow = _busy_demand(world, Demand.Status.UNDER_ARGUMENT)
    assert_flat(client_for("expert"), reverse("demands:argue", args=[demand.pk]), grow=grow)


def test_the_public_status_lookup_is_flat(world, client):
    demand, grow = _busy_demand(world, Demand.Status.ADOPTED)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def lookup():
        with CaptureQueriesContext(connection) as captured:
            assert client.post(reverse("demands:follow"), {"receipt": demand.receipt_number}).status_code == 200
        return len(captured)

    lookup()
    before = lookup()
    grow()
    assert lookup() == before <= 15
