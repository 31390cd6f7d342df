"""At once, on PostgreSQL with real connections: two workers sending the reminders send each once; two officers
recording an acceptance's result at once: exactly one wins."""

import datetime

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.centers import reminders, supervision
from apps.centers.models import Acceptance, Center, ContractVersion, ReminderSent
from apps.core.roles import Role
from apps.notifications.models import Message
from tests.concurrency import AsShown, race


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_send_a_reminder_once(clock):
    from apps.centers.tests.supervision_setup import signed_center
    from tests.world import build_world

    world = build_world()
    center = signed_center(world)
    ends_on = ContractVersion.objects.get(contract__center=center, status="in_force").term_ends_on
    clock.set(ends_on - datetime.timedelta(days=90))
    results = []
    assert race(lambda: results.append(reminders.send()), [(), ()]) == ["ok", "ok"]
    assert all(isinstance(r, list) for r in results), results
    key = f"term_end:90:center:{center.pk}:{ends_on.isoformat()}"
    assert sum(key in r for r in results) == 1
    assert ReminderSent.objects.filter(key=key).count() == 1
    assert Message.objects.filter(recipient=world.user("unit_admin"), title__contains=ends_on.isoformat()).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_recording_the_acceptance_at_once_exactly_one_wins():
    from apps.centers.tests.supervision_setup import acceptance_for, signed_center
    from tests.world import build_world

    world = build_world()
    center = signed_center(world)
    acceptance = acceptance_for(world, center)
    second = UserFactory(username="regional_2", role=Role.REGIONAL_OFFICER)

    shown = AsShown(Acceptance, acceptance.pk)
    decide = supervision.acceptance_decide
    outcomes = race(
        lambda officer, a: decide(officer, a, passed=True, opinion="验收通过"),
        [(world.user("regional_officer"), shown), (second, shown)],
    )
    assert outcomes == ["conflict", "ok"]
    assert Center.objects.get(pk=center.pk).status == Center.Status.ACCEPTED
