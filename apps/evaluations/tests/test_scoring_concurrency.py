"""At once, on PostgreSQL with real connections: two confirmations of the same result that arrive together confirm
it once (the second loses under the row lock with the concurrent-change message); two submissions likewise."""

import pytest

from apps.audit.models import AuditEntry
from tests.concurrency import AsShown, race

from .. import services_scoring as services
from ..models import Evaluation


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_confirm_once():
    from tests.world import build_world

    from . import builders

    world = build_world()
    evaluation = builders.evaluation(world, status=Evaluation.Status.SUBMITTED, grade="qualified")
    officer = world.user("regional_officer")

    shown = AsShown(Evaluation, evaluation.pk)
    assert race(services.confirm, [(officer, shown), (officer, shown)]) == ["conflict", "ok"]
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

    shown = AsShown(Evaluation, evaluation.pk)
    assert race(services.submit, [(evaluator, shown), (evaluator, shown)]) == ["conflict", "ok"]
    assert AuditEntry.objects.filter(action="evaluation.submit", object_id=str(evaluation.pk)).count() == 1
