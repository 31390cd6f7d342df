"""Issue 14: every page of calls costs the same queries with a few rows or many (and at most 15): the public list,
a call and a topic for the public, the bureau's list, a call's page, its edit and topic forms."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.attachments.tests.factories import AttachmentFactory
from apps.attachments.tests.samples import pdf_bytes
from apps.calls.models import Call, TopicIndicator, TopicVersion
from apps.core import clock
from apps.demands.models import Demand
from apps.demands.tests.factories import DemandFactory
from apps.portal.tests.factories import AnnouncementFactory
from tests.query_counts import assert_flat

from .factories import CallFactory, TopicFactory, published_call

pytestmark = pytest.mark.django_db


def _calls(n):
    """`n` calls in every state, each with two topics (indicators, demands), a document and an announcement."""
    statuses = [status for status, _label in Call.Status.choices]
    for i in range(n):
        call = CallFactory(year=2020 + i % 6)
        for number in (1, 2):
            topic = TopicFactory(call=call, number=number)
            topic.demands.add(DemandFactory(status=Demand.Status.ADOPTED))
        AttachmentFactory(owner=call, kind="guide", original_name="申报指南.pdf", content=pdf_bytes(f"guide {call.pk}"))
        Call.objects.filter(pk=call.pk).update(status=statuses[i % len(statuses)], published_at=clock.now())
        AnnouncementFactory(subject=call)


def _grow_call(call, officer):
    """More of everything a call's page shows: topics with indicators and demands, versions, documents,
    announcements."""

    def grow():
        start = max(call.topics.values_list("number", flat=True), default=0) + 1
        for number in range(start, start + 5):
            topic = TopicFactory(call=call, number=number)
            for order in range(1, 4):
                TopicIndicator.objects.create(
                    topic=topic, name=f"指标{order}", unit="件", minimum_target=5, order=order
                )
            topic.demands.add(DemandFactory(status=Demand.Status.ADOPTED), DemandFactory(status=Demand.Status.ADOPTED))
            TopicVersion.objects.create(
                call=call,
                topic=topic,
                call_version=number,
                change=TopicVersion.Change.ADDED,
                after=topic.snapshot(),
                reason="新增课题",
                changed_by=officer,
                announcement=AnnouncementFactory(subject=call),
            )
            AttachmentFactory(
                owner=call, kind="form", original_name=f"表格{number}.pdf", content=pdf_bytes(f"form {number}")
            )

    return grow


def test_the_public_list_is_flat(world, client):
    _calls(5)  # open and past ones (an empty list costs one query less: nothing to read)
    assert_flat(client, reverse("calls:public_list"), grow=lambda: _calls(30))


@pytest.mark.parametrize("actor", ["anonymous", "unit_admin", "regional_officer"])
def test_a_public_call_and_topic_are_flat(world, client, client_for, actor):
    browser = client if actor == "anonymous" else client_for(actor)
    call = published_call()
    topic = call.topics.get()
    grow = _grow_call(call, world.user("regional_officer"))
    assert_flat(browser, reverse("calls:public_detail", args=[call.pk]), grow=grow)
    assert_flat(browser, reverse("calls:public_topic", args=[call.pk, topic.pk]), grow=grow)


def test_the_bureaus_list_is_flat(world, client_for):
    _calls(2)
    assert_flat(client_for("regional_officer"), reverse("calls:manage_list"), grow=lambda: _calls(30))


@pytest.mark.parametrize("published", [False, True])
def test_the_bureaus_pages_of_a_call_are_flat(world, client_for, published):
    client = client_for("regional_officer")
    call = published_call() if published else CallFactory()
    topic = TopicFactory(call=call, number=9)
    grow = _grow_call(call, world.user("regional_officer"))
    for url in (
        reverse("calls:manage_detail", args=[call.pk]),
        reverse("calls:edit", args=[call.pk]),
        reverse("calls:topic_create", args=[call.pk]),
        reverse("calls:topic_edit", args=[call.pk, topic.pk]),
    ):
        assert_flat(client, url, grow=grow)


def test_the_topic_from_a_demand_page_is_flat(world, client_for):
    demand = DemandFactory(status=Demand.Status.ADOPTED)
    TopicFactory(call=CallFactory()).demands.add(demand)

    def grow():
        for _ in range(6):
            TopicFactory(call=CallFactory(funding_available=Decimal("90000000"))).demands.add(demand)
            published_call()

    assert_flat(client_for("regional_officer"), reverse("calls:topic_from_demand", args=[demand.pk]), grow=grow)


@pytest.mark.parametrize("actor", ["anonymous", "unit_admin"])
def test_the_portal_pages_that_show_calls_are_flat(world, client, client_for, actor):
    """The landing page's open calls and the public search over calls and topics (apps/calls/portal_hooks.py)."""
    browser = client if actor == "anonymous" else client_for(actor)
    _calls(5)
    for url in (
        reverse("portal:landing"),
        reverse("portal:search") + "?q=高价值专利",
        reverse("portal:search") + "?q=稀土",
    ):
        assert_flat(browser, url, grow=lambda: _calls(20))
