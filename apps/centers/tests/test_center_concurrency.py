"""At once, on PostgreSQL with real connections: two approvals whose centers would take the same name both succeed
with distinct names; two officers changing a center's status at once: exactly one wins."""

import threading

import pytest
from django.db import connection

from apps.accounts.tests.factories import UserFactory
from apps.centers import services
from apps.centers.models import Center, CenterEvent
from apps.core.errors import ConcurrentChange
from apps.core.roles import Role


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
def test_two_centers_created_at_once_under_the_same_name_get_distinct_names():
    from apps.centers.tests.factories import approved_application
    from tests.world import build_world

    world = build_world()
    applications = [approved_application(world), approved_application(world)]  # same lead unit, same industry

    def create(application):
        services.center_create_from_application(application)

    assert _race(create, applications) == ["won", "won"]
    names = sorted(Center.objects.values_list("name", flat=True))
    assert len(names) == 2 and names[0] != names[1]
    assert any(name.endswith("·2）") for name in names)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_acting_on_a_center_at_once_exactly_one_wins():
    from apps.centers.tests.factories import center_for
    from tests.world import build_world

    world = build_world()
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    second = UserFactory(username="regional_2", role=Role.REGIONAL_OFFICER)

    def act(officer):
        fresh = Center.objects.get(pk=center.pk)
        if officer == second:
            services.center_accept(officer, fresh, opinion="验收通过")
        else:
            services.center_require_rectification(officer, fresh, reason="限期整改")

    assert _race(act, [world.user("regional_officer"), second]) == ["lost", "won"]
    assert CenterEvent.objects.filter(center=center, action__in=["accept", "require_rectification"]).count() == 1
