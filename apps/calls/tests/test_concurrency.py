"""Two officers publish the same call at the same moment, each on its own database connection: exactly one
wins, the other gets ConcurrentChange, and there is exactly one announcement (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from apps.accounts.tests.factories import UserFactory
from apps.calls import services
from apps.calls.models import Call
from apps.core.errors import ConcurrentChange
from apps.core.roles import Role
from apps.portal.models import Announcement
from apps.reference.services import ensure_reference_data

from .factories import CallFactory, TopicFactory


def race(target, arguments):
    barrier = threading.Barrier(len(arguments))
    outcomes = []
    lock = threading.Lock()

    def run(*args):
        try:
            barrier.wait(timeout=10)
            target(*args)
            result = "ok"
        except ConcurrentChange:
            result = "conflict"
        except Exception as exc:
            result = repr(exc)
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=args) for args in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_publishing_at_once_publish_once():
    assert connection.vendor == "postgresql"
    ensure_reference_data()  # transactional tests flush the data-migration rows
    call = CallFactory()
    TopicFactory(call=call)
    officers = [UserFactory(role=Role.REGIONAL_OFFICER, organization=None) for _ in range(2)]
    outcomes = race(
        lambda officer: services.call_publish(officer, Call.objects.get(pk=call.pk)), [(o,) for o in officers]
    )
    assert outcomes == ["conflict", "ok"]
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED
    assert Announcement.objects.filter(kind=Announcement.Kind.CALL).count() == 1
