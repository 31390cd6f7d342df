"""Issue 14: every role's home page (the workbench: tasks, messages and each app's panels) costs the same queries
with a few rows or many, and at most 15. The data of every app is grown by tests/growth.py (the kernel's tests
import no app)."""

import pytest
from django.urls import reverse

from tests import growth
from tests.query_counts import assert_flat, page_queries

pytestmark = pytest.mark.django_db

ROLES = (
    "unit_admin",
    "unit_member",
    "prefecture_officer",
    "regional_officer",
    "expert",
    "evaluator",
    "system_admin",
    "security_admin",
    "audit_admin",
)


@pytest.mark.parametrize("actor", ROLES)
def test_the_home_page_is_flat(world, client_for, actor):
    growth.everything(world, 1)
    assert_flat(client_for(actor), reverse("core:home"), grow=lambda: growth.everything(world, 3))


COUNTED = (
    "applications_application",
    "applications_review",
    "calls_call",
    "demands_demand",
    "demands_argument",
    "organizations_organization",
)


@pytest.mark.parametrize("actor", ["unit_admin", "prefecture_officer", "regional_officer", "expert"])
def test_a_panel_counts_its_table_in_one_grouped_query(world, client_for, actor):
    """The status counts of a panel: one query per table (GROUP BY status), not one per figure."""
    growth.everything(world, 1)
    client = client_for(actor)
    page_queries(client, reverse("core:home"))
    _count, sql = page_queries(client, reverse("core:home"))
    for table in COUNTED:
        counting = [q for q in sql if f'FROM "{table}"' in q and "COUNT(" in q]
        assert len(counting) <= 1, f"{table} counted {len(counting)} times:\n" + "\n".join(counting)
