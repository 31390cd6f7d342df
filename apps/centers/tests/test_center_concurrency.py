"""At once, on PostgreSQL with real connections: two approvals whose centers would take the same name both succeed
with distinct names; two officers changing a center's status at once: exactly one wins."""

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.centers import services
from apps.centers.models import Center, CenterEvent
from apps.core.roles import Role
from tests.concurrency import AsShown, call, race, race_calls


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_centers_created_at_once_under_the_same_name_get_distinct_names():
    from apps.centers.tests.factories import approved_application
    from tests.world import build_world

    world = build_world()
    applications = [approved_application(world), approved_application(world)]  # same lead unit, same industry

    outcomes = race(services.center_create_from_application, [(AsShown(type(a), a.pk),) for a in applications])
    assert outcomes == ["ok", "ok"]
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

    shown = AsShown(Center, center.pk)
    outcomes = race_calls(
        [
            call(services.center_accept, second, shown, opinion="验收通过"),
            call(services.center_require_rectification, world.user("regional_officer"), shown, reason="限期整改"),
        ]
    )
    assert outcomes == ["conflict", "ok"]
    assert CenterEvent.objects.filter(center=center, action__in=["accept", "require_rectification"]).count() == 1
