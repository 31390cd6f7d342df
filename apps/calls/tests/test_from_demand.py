"""Issue 13 §6: adopting a demand says what is true — adopted, waiting for a call — until a topic of a call holds it,
and the demand's page leads to creating that topic (prefilled from the demand, linked to it)."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.calls import services
from apps.calls.models import Call
from apps.demands.models import Demand
from apps.demands.tests.factories import DemandFactory

from .factories import CallFactory
from .test_views import topic_form

pytestmark = pytest.mark.django_db

WAITING = "已采纳，待列入榜单"


def _follow(receipt: str) -> str:
    return Client().post(reverse("demands:follow"), {"receipt": receipt}).content.decode()


def test_an_adopted_demand_waits_for_a_call_until_a_topic_holds_it_then_is_listed(world, client_for):
    demand = DemandFactory(status=Demand.Status.ARGUED)
    officer = client_for("regional_officer")
    detail = reverse("demands:detail", args=[demand.pk])

    adopted = officer.post(reverse("demands:adopt", args=[demand.pk]), {"note": "论证通过"}, follow=True)
    page = adopted.content.decode()
    assert "需求已采纳，待列入榜单" in page and WAITING in page
    assert "已列入榜单" not in page  # nothing holds it yet
    link = reverse("calls:topic_from_demand", args=[demand.pk])
    assert link in page
    assert WAITING in _follow(demand.receipt_number)

    # no call can take a topic: the way is to draft one first
    choose = officer.get(link).content.decode()
    assert reverse("calls:create") in choose and "请先起草榜单" in choose

    call = CallFactory()
    choose = officer.get(link).content.decode()
    start = f"{reverse('calls:topic_create', args=[call.pk])}?demand={demand.pk}"
    assert start in choose
    form = officer.get(start).context["form"]
    assert form.initial["title"] == demand.title and form.initial["demands"] == [demand.pk]
    assert form.initial["industry"] == demand.industry_id

    created = officer.post(
        reverse("calls:topic_create", args=[call.pk]), topic_form(title=demand.title, demands=[demand.pk])
    )
    assert created.status_code == 302
    demand.refresh_from_db()
    assert demand.status_label() == f"已采纳：已编入榜单草稿“{call.title}”"
    assert call.title in officer.get(detail).content.decode()
    assert WAITING in _follow(demand.receipt_number)  # a draft call is not public

    services.call_publish(world.user("regional_officer"), Call.objects.get(pk=call.pk))
    demand.refresh_from_db()
    assert demand.status_label() == f"已列入榜单“{call.title}”"
    assert f"已列入榜单“{call.title}”" in _follow(demand.receipt_number)


def test_the_topic_from_demand_page_needs_an_adopted_demand(world, client_for):
    argued = DemandFactory(status=Demand.Status.ARGUED)
    assert client_for("regional_officer").get(reverse("calls:topic_from_demand", args=[argued.pk])).status_code == 404


def test_the_bureau_workbench_counts_adopted_demands_waiting_for_a_call(world):
    from types import SimpleNamespace

    from apps.demands.nav import _panels

    waiting = DemandFactory(status=Demand.Status.ADOPTED)
    held = DemandFactory(status=Demand.Status.ADOPTED)
    CallFactory().topics.create(
        number=1, title="条目", industry=held.industry, technical_field="x", requirements="x", funding_cap=1
    ).demands.add(held)
    [panel] = _panels(SimpleNamespace(user=world.user("regional_officer")))
    assert ("已采纳，待列入榜单", 1) in [(str(label), value) for label, value, _url in panel.items]
    assert waiting.status_label() == WAITING
