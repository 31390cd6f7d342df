"""Two officers acting at once: exactly one wins, the other gets ConcurrentChange (both read the application before
either acts; real connections, PostgreSQL)."""

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.applications import services
from apps.applications.models import Application, ApplicationEvent
from apps.audit.models import AuditEntry
from apps.core.roles import Role
from tests.concurrency import AsShown, call, race_calls


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_prefecture_officers_recommending_at_once_exactly_one_wins():
    from apps.applications.tests import factories as f
    from tests.world import build_world

    world = build_world()
    application = f.advance(world, f.eligible_draft(world), Application.Status.SUBMITTED)
    second = UserFactory(username="pref_a2", role=Role.PREFECTURE_OFFICER, prefecture=world.prefecture)

    shown = AsShown(Application, application.pk)
    outcomes = race_calls(
        [
            call(services.application_recommend, officer, shown, opinion=officer.username)
            for officer in (world.user("prefecture_officer"), second)
        ]
    )
    assert outcomes == ["conflict", "ok"]
    application.refresh_from_db()
    assert application.status == Application.Status.RECOMMENDED
    assert AuditEntry.objects.filter(action="application.recommend", object_id=str(application.pk)).count() == 1
    assert ApplicationEvent.objects.filter(application=application, action="recommend").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_recommend_and_return_at_once_exactly_one_wins():
    from apps.applications.tests import factories as f
    from tests.world import build_world

    world = build_world()
    application = f.advance(world, f.eligible_draft(world), Application.Status.SUBMITTED)
    second = UserFactory(username="pref_a3", role=Role.PREFECTURE_OFFICER, prefecture=world.prefecture)

    shown = AsShown(Application, application.pk)
    outcomes = race_calls(
        [
            call(services.application_recommend, world.user("prefecture_officer"), shown),
            call(services.application_prefecture_return, second, shown, reason="补充材料"),
        ]
    )
    assert outcomes == ["conflict", "ok"]
    assert (
        ApplicationEvent.objects.filter(application=application, action__in=["recommend", "prefecture_return"]).count()
        == 1
    )
