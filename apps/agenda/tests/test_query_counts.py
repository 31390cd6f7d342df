"""The calendar, the operations view and the feed cost the same number of queries whatever the number of deadlines
(issue 14): each source answers in a fixed number of queries (one per kind; the centers' inspections, acceptances,
rectifications and term ends in one UNION). The pages stay within the house's 15: the request's own 5 and the
sources' 10."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.agenda import services
from apps.agenda.deadlines import Window
from apps.agenda.sources import SOURCES
from apps.core import clock as business_clock
from tests.query_counts import assert_flat

from . import builders

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _grow(world, n=3):
    def grow():
        today = business_clock.today()
        for i in range(n):
            for org in (world.org, world.org_other):
                center = builders.running(world, org=org)
                builders.rectification(world, center, due=today - (i + 1) * DAY)
                builders.inspection(world, center, on=today + (i + 2) * DAY)
                builders.report(center, due=today + (i + 3) * DAY)
                builders.clawback(world, center, amount="1000.00", due=today - (i + 2) * DAY)
            builders.application(world)
            builders.contracting(world)
            builders.task_part(world, deadline=today + (i + 4) * DAY, title=f"任务{i}")
            builders.round_(world, due=today + (i + 5) * DAY)
            builders.collection_round(closes=today + (i + 6) * DAY, title=f"征集{i}")

    return grow


def _seed(world):
    today = business_clock.today()
    center = builders.running(world)
    builders.rectification(world, center, due=today - DAY)
    builders.task_part(world, deadline=today + 3 * DAY, title="起始任务")


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_admin"])
def test_the_calendar_is_flat(world, client_for, actor):
    _seed(world)
    assert_flat(client_for(actor), reverse("agenda:calendar"), grow=_grow(world))


@pytest.mark.parametrize("actor", ["regional_officer", "unit_admin"])
def test_the_due_soon_panel_is_flat(world, client_for, actor):
    _seed(world)
    assert_flat(client_for(actor), reverse("agenda:upcoming"), grow=_grow(world))


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer"])
def test_the_operations_view_is_flat(world, client_for, actor):
    _seed(world)
    assert_flat(client_for(actor), reverse("agenda:operations"), grow=_grow(world))


def test_the_feed_management_page_is_flat(world, client_for):
    _seed(world)
    client = client_for("unit_admin")
    services.feed_create(world.user("unit_admin"))
    assert_flat(client, reverse("agenda:feed_manage"), grow=_grow(world))


def test_the_feed_is_flat(world):
    _seed(world)
    _feed, token = services.feed_create(world.user("regional_officer"))
    url = reverse("agenda:feed", args=[token])
    # no session, but two rate counters (per address and per feed), one statement each, and the owner: 10 + 2 + 1
    assert_flat(Client(), url, grow=_grow(world), limit=13)


def _source_queries(source, user) -> int:
    window = Window(today=business_clock.today())
    with CaptureQueriesContext(connection) as captured:
        source.deadlines(user, window)
    return len(captured)


def test_each_source_answers_in_a_fixed_number_of_queries(world):
    _seed(world)
    region = world.user("regional_officer")
    before = {source.__name__: _source_queries(source, region) for source in SOURCES}
    _grow(world)()
    after = {source.__name__: _source_queries(source, region) for source in SOURCES}
    assert after == before
    assert before["apps.agenda.sources.centers"] == 4 and before["apps.agenda.sources.demands"] == 1
    assert sum(before.values()) == 10
