"""At once, on PostgreSQL with real connections: two confirmations of the same result that arrive together confirm
it once (the second loses under the row lock with the concurrent-change message); two submissions likewise."""

import threading

import pytest
from django.db import connection

from apps.audit.models import AuditEntry
from apps.core.errors import ConcurrentChange, DomainError

from .. import services_scoring as services
from ..models import Evaluation


def _race(action, arguments):
    barrier = threading.Barrier(len(arguments))
    results = []

    def run(argument):
        try:
            barrier.wait()
            action(argument)
            results.append("won")
        except ConcurrentChange:
            results.append("lost")
        except DomainError as exc:
            results.append(f"refused: {exc.message}")
        except Exception as exc:  # reported by the assertion below
            results.append(f"error: {exc!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(results)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_confirm_once():
    from tests.world import build_world

    from . import builders

    world = build_world()
    evaluation = builders.evaluation(world, status=Evaluation.Status.SUBMITTED, grade="qualified")
    officer = world.user("regional_officer")

    def confirm(_n):
        services.confirm(officer, Evaluation.objects.get(pk=evaluation.pk))

    assert _race(confirm, [1, 2]) == ["lost", "won"]
    assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.CONFIRMED
    assert AuditEntry.objects.filter(action="evaluation.confirm", object_id=str(evaluation.pk)).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_submit_once():
    from tests.world import build_world

    from . import builders

    world = build_world()
    evaluation = builders.evaluation(world, grade="excellent")
    evaluator = world.user("evaluator")

    def submit(_n):
        services.submit(evaluator, Evaluation.objects.get(pk=evaluation.pk))

    assert _race(submit, [1, 2]) == ["lost", "won"]
    assert AuditEntry.objects.filter(action="evaluation.submit", object_id=str(evaluation.pk)).count() == 1
