"""Two officers publish the same call at the same moment, each on its own database connection: exactly one
wins, the other gets ConcurrentChange, and there is exactly one announcement (PostgreSQL row locks)."""

import pytest
from django.db import connection

from apps.accounts.tests.factories import UserFactory
from apps.calls import services
from apps.calls.models import Call
from apps.core.roles import Role
from apps.portal.models import Announcement
from apps.reference.services import ensure_reference_data
from tests.concurrency import AsShown, race

from .factories import CallFactory, TopicFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_publishing_at_once_publish_once():
    assert connection.vendor == "postgresql"
    ensure_reference_data()  # transactional tests flush the data-migration rows
    call = CallFactory()
    TopicFactory(call=call)
    officers = [UserFactory(role=Role.REGIONAL_OFFICER, organization=None) for _ in range(2)]
    outcomes = race(services.call_publish, [(o, AsShown(Call, call.pk)) for o in officers])
    assert outcomes == ["conflict", "ok"]
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED
    assert Announcement.objects.filter(kind=Announcement.Kind.CALL).count() == 1
