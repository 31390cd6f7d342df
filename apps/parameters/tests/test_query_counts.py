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


def test_a_parameters_page_costs_the_same_with_a_short_or_a_long_history(world, client_for):
    """The form and the history of changes (at most `HISTORY_LENGTH` rows, read in one query with who made them)."""
    from apps.parameters import services
    from tests.query_counts import assert_flat

    officer = world.user("regional_officer")
    services.parameter_update(officer, "portal.notice_days", value=6, reason="试行")

    def grow():
        for i in range(30):
            services.parameter_update(officer, "portal.notice_days", value=5 + i % 3, reason=f"第{i}次调整")

    assert_flat(client_for("regional_officer"), reverse("parameters:edit", args=["portal.notice_days"]), grow=grow)
