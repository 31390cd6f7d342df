"""The parameters page costs the same queries whether no parameter or every parameter has been changed."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core import clock
from apps.parameters.models import Parameter

pytestmark = pytest.mark.django_db

CHANGED = {
    "portal.notice_days": 6,
    "demands.argument_min_experts": 4,
    "applications.panel_min_experts": 6,
    "applications.trim_from": 6,
    "applications.rd_stability_percent": 75,
}


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("parameters:list")).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_with_none_or_every_parameter_changed(world, client_for):
    client = client_for("regional_officer")
    _queries(client)  # warm-up: the first request loads the session user
    unchanged = _queries(client)
    officer = world.user("regional_officer")
    Parameter.objects.bulk_create(
        [
            Parameter(key=key, value=Decimal(value), updated_by=officer, updated_at=clock.now())
            for key, value in CHANGED.items()
        ]
    )
    assert _queries(client) == unchanged
