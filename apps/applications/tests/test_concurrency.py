"""Two officers acting at once: exactly one wins, the other gets ConcurrentChange (real connections, PostgreSQL)."""

import threading

import pytest
from django.db import connection

from apps.accounts.tests.factories import UserFactory
from apps.applications import services
from apps.applications.models import Application, ApplicationEvent
from apps.audit.models import AuditEntry
from apps.core.errors import ConcurrentChange
from apps.core.roles import Role


def _race(action, actors):
    barrier = threading.Barrier(len(actors))
    results = []

    def run(user):
        try:
            barrier.wait()
            action(user)
            results.append("won")
        except ConcurrentChange:
            results.append("lost")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(u,)) for u in actors]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(results)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_prefecture_officers_recommending_at_once_exactly_one_wins():
    from apps.applications.tests import factories as f
    from tests.world import build_world

    world = build_world()
    application = f.advance(world, f.eligible_draft(world), Application.Status.SUBMITTED)
    second = UserFactory(username="pref_a2", role=Role.PREFECTURE_OFFICER, prefecture=world.prefecture)

    def recommend(officer):
        services.application_recommend(officer, Application.objects.get(pk=application.pk), opinion=officer.username)

    assert _race(recommend, [world.user("prefecture_officer"), second]) == ["lost", "won"]
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

    def act(officer):
        fresh = Application.objects.get(pk=application.pk)
        if officer == second:
            services.application_prefecture_return(officer, fresh, reason="补充材料")
        else:
            services.application_recommend(officer, fresh)

    assert _race(act, [world.user("prefecture_officer"), second]) == ["lost", "won"]
    assert (
        ApplicationEvent.objects.filter(application=application, action__in=["recommend", "prefecture_return"]).count()
        == 1
    )
