"""The demo's utilization, standards and alliance go through the services and load once."""

import pytest

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.patents import demo_portfolio, demo_utilization
from apps.patents.models import Alliance, Exploitation, Standard

pytestmark = pytest.mark.django_db


def test_the_demo_utilization_loads_once(world):
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    users = {"unit_admin": world.user("unit_admin")}
    demo_portfolio.build({"rare_earth": center}, users)
    made = demo_utilization.build({"rare_earth": center}, users)
    assert Exploitation.objects.count() >= 2 and Standard.objects.count() == 2 and Alliance.objects.count() == 1
    assert len(made) == Exploitation.objects.count() + 3
    assert demo_utilization.build({"rare_earth": center}, users) == []
