"""Issue 14: the portal's pages cost the same queries with a few announcements, notices and objections or many (and
at most 15): the landing page, the lists, an announcement, a notice, the search, and the bureau's publishing pages.
(Calls shown on the landing page and found by the search are grown in apps/calls/tests/test_query_counts.py.)"""

import datetime

import pytest
from django.urls import reverse

from apps.core import clock
from apps.portal.models import Objection
from tests.query_counts import assert_flat

from .factories import AnnouncementFactory, EndedNoticeFactory, ObjectionFactory, PublicNoticeFactory

pytestmark = pytest.mark.django_db


def _publications(n):
    """`n` announcements (one scheduled for later), running, ended and scheduled notices, objections."""
    for i in range(n):
        AnnouncementFactory(title=f"关于榜单的公告{i}")
        notice = PublicNoticeFactory(title=f"榜单立项公示{i}")
        ObjectionFactory(notice=notice)
        ObjectionFactory(notice=EndedNoticeFactory(), status=Objection.Status.RESOLVED, resolution="已核实")
    AnnouncementFactory(published_at=clock.now() + datetime.timedelta(days=3))
    PublicNoticeFactory(starts_on=clock.today() + datetime.timedelta(days=7))


PUBLIC = [
    ("portal:landing", ""),
    ("portal:announcements", ""),
    ("portal:announcements", "?page=2"),
    ("portal:notices", ""),
    ("portal:search", "?q=榜单"),
    ("portal:search", "?q=榜单&page=2"),
]


@pytest.mark.parametrize("actor", ["anonymous", "unit_admin", "regional_officer"])
@pytest.mark.parametrize(("url_name", "query"), PUBLIC)
def test_the_public_pages_are_flat(world, client, client_for, actor, url_name, query):
    browser = client if actor == "anonymous" else client_for(actor)
    _publications(30)
    assert_flat(browser, reverse(url_name) + query, grow=lambda: _publications(60))


def _one_of_each(world):
    announcement = AnnouncementFactory(subject=world.org)
    notice = PublicNoticeFactory(subject=world.org)
    objection = ObjectionFactory(notice=notice)

    def grow():
        for i in range(10):
            ObjectionFactory(notice=notice, name=f"异议人{i}")
        _publications(10)

    return announcement, notice, objection, grow


@pytest.mark.parametrize("actor", ["anonymous", "regional_officer"])
def test_an_announcement_and_a_notice_are_flat(world, client, client_for, actor):
    browser = client if actor == "anonymous" else client_for(actor)
    announcement, notice, _objection, grow = _one_of_each(world)
    assert_flat(browser, reverse("portal:announcement", args=[announcement.pk]), grow=grow)
    assert_flat(browser, reverse("portal:notice", args=[notice.pk]), grow=grow)


def test_the_bureaus_publishing_pages_are_flat(world, client_for):
    client = client_for("regional_officer")
    _publications(10)
    _announcement, notice, objection, grow = _one_of_each(world)
    for url in (
        reverse("portal:manage"),
        reverse("portal:notice_manage", args=[notice.pk]),
        reverse("portal:objection", args=[objection.pk]),
        reverse("portal:announcement_create"),
        reverse("portal:notice_create"),
    ):
        assert_flat(client, url, grow=grow)
