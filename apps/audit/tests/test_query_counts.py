"""Issue 14: the audit trail grows without bound; its list costs the same queries with a few entries or many (and at
most 15), filtered or not, and its count stops at the pager's cap instead of counting the whole trail."""

import pytest
from django.urls import reverse

from apps.audit import services as audit
from apps.core import pagination
from tests.query_counts import assert_flat, page_queries

pytestmark = pytest.mark.django_db


def _entries(world, n):
    actor = world.user("regional_officer")
    for i in range(n):
        audit.record("organization.update", world.org, actor=actor, before={"name": "旧"}, after={"name": f"新{i}"})
        audit.record("auth.login", object_type="accounts.user", object_id=actor.pk, actor=actor)
        audit.record("demand.update", object_type="demands.argument", object_id=i, after={"opinion": "保密"})


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?page=2",
        "?username=regional",
        "?action=organization",
        "?object_type=organizations.organization&object_id=1",
        "?date_from=2000-01-01&date_to=2100-12-31",
        "?date_from=2100-01-01&date_to=2000-01-01",  # contradictory: nothing, with the form's message
    ],
)
def test_the_trail_is_flat(world, client_for, query):
    _entries(world, 30)
    assert_flat(client_for("audit_admin"), reverse("audit:list") + query, grow=lambda: _entries(world, 60))


def test_the_count_stops_at_the_cap(world, client_for, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 50)
    monkeypatch.setattr(pagination.page_of, "__kwdefaults__", {**pagination.page_of.__kwdefaults__, "cap": 50})
    _entries(world, 30)
    client = client_for("audit_admin")
    page_queries(client, reverse("audit:list"))
    _count, sql = page_queries(client, reverse("audit:list"))
    counting = [q for q in sql if "COUNT(" in q.upper() and "audit_auditentry" in q]
    assert counting and all("LIMIT 51" in q for q in counting), counting
    response = client.get(reverse("audit:list"))
    assert response.context["page"].paginator.count_is_capped


def test_the_chain_page_is_flat(world, client_for):
    _entries(world, 5)
    assert_flat(client_for("audit_admin"), reverse("audit:chain"), grow=lambda: _entries(world, 60))
