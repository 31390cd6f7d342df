"""The demo portfolio goes through the services: its records hold every rule, and loading twice adds nothing."""

import pytest

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.patents import demo_portfolio
from apps.patents.models import Patent

pytestmark = pytest.mark.django_db


def test_the_demo_portfolio_loads_once(world):
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    users = {"unit_admin": world.user("unit_admin")}
    made = demo_portfolio.build({"rare_earth": center}, users)
    assert len(made) == 3
    first = Patent.objects.get(application_number="201611162814.0")
    assert first.legal_status == "granted" and first.family.get().overseas and first.awards.exists()
    assert Patent.objects.get(application_number="201080063196.9").is_pct
    assert demo_portfolio.build({"rare_earth": center}, users) == []
    assert Patent.objects.count() == 3
