"""Two officers screen the same demand at the same moment (one accepts, one rejects), each on its own database
connection: exactly one decision is taken, the other gets ConcurrentChange (PostgreSQL row locks)."""

import pytest
from django.db import connection

from apps.accounts.tests.factories import UserFactory
from apps.core.roles import Role
from apps.demands import services
from apps.demands.models import Demand
from apps.reference.services import ensure_reference_data
from tests.concurrency import AsShown, race

from .factories import DemandFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_screening_at_once_decide_once():
    assert connection.vendor == "postgresql"
    ensure_reference_data()  # transactional tests flush the data-migration rows
    demand = DemandFactory()
    first, second = (UserFactory(role=Role.REGIONAL_OFFICER, organization=None) for _ in range(2))

    def screen(officer, shown, action):
        if action == "accept":
            services.demand_accept(officer, shown)
        else:
            services.demand_reject(officer, shown, reason="重复")

    # each officer's page was read before the race (AsShown): the loser meets the lock, not the winner's new state
    shown = AsShown(Demand, demand.pk)
    outcomes = race(screen, [(first, shown, "accept"), (second, shown, "reject")])
    assert outcomes == ["conflict", "ok"]
    demand.refresh_from_db()
    assert demand.status in (Demand.Status.ACCEPTED, Demand.Status.REJECTED)
