"""The agenda in a real browser: the region's month grid with an overdue rectification marked and the next month;
the operations view grouped by prefecture and filtered; a unit makes its feed address (shown once), the feed answers
text/calendar, the unit revokes it and the address answers 404; the calendar on a phone (the list). Screenshots:
/tmp/shots_agenda/*.png (AGENDA_SHOTS)."""

import datetime
import os

import pytest
from playwright.sync_api import expect

from apps.centers.models import Rectification

from . import builders

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("AGENDA_SHOTS", "/tmp/shots_agenda")
DAY = datetime.timedelta(days=1)
TODAY = datetime.date(2026, 6, 15)


def _shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_calendar_operations_and_feed(world, login, page, live_server, clock):
    clock.set(TODAY)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    mine, theirs = builders.running(world), builders.running(world, org=world.org_other)
    late = builders.rectification(world, mine, due=TODAY - 5 * DAY)
    builders.rectification(world, mine, due=TODAY + 3 * DAY)
    builders.rectification(world, theirs, due=TODAY - 2 * DAY, status=Rectification.Status.OPEN)
    builders.inspection(world, mine, on=TODAY + 8 * DAY)
    builders.report(mine, due=TODAY + 20 * DAY)
    builders.task_part(world, deadline=TODAY + 10 * DAY, title="高价值专利培育中心建设情况摸底，含经费；材料")
    builders.inspection(world, theirs, on=TODAY + 35 * DAY)

    # the region: this month's grid, the overdue rectification in red
    login(world.user("regional_officer"))
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{live_server.url}/agenda/")
    grid = page.locator("#agenda-grid")
    expect(grid).to_be_visible()
    overdue = grid.locator(f'a[data-uid="rectification-{late.pk}"]')
    expect(overdue).to_have_class("agenda-item agenda-overdue")
    expect(page.locator("#agenda-overdue-count")).to_contain_text("已逾期")
    expect(page.locator("#agenda-list")).to_contain_text("交办任务")
    _shot(page, "region_calendar")
    page.click("#agenda-next")
    expect(page.locator("#agenda-month")).to_have_text("2026年7月")
    expect(page.locator("#agenda-list")).to_contain_text("检查")
    _shot(page, "region_calendar_next")

    # the operations view: grouped by prefecture, then only one prefecture
    page.goto(f"{live_server.url}/agenda/operations/")
    expect(page.locator(f'section[data-prefecture="{world.prefecture.pk}"]')).to_contain_text("限期整改")
    expect(page.locator(f'section[data-prefecture="{world.prefecture_other.pk}"]')).to_be_visible()
    _shot(page, "region_operations")
    page.select_option("#operations-kind", "rectification")
    page.select_option("#operations-prefecture", str(world.prefecture_other.pk))
    page.click("#operations-filter button[type=submit]")
    expect(page.locator("#operations-total")).to_contain_text("1")
    expect(page.locator(f'section[data-prefecture="{world.prefecture.pk}"]')).to_have_count(0)
    _shot(page, "region_operations_filtered")

    # a unit makes its feed address, reads the feed, revokes it
    login(world.user("unit_admin"))
    page.goto(f"{live_server.url}/agenda/")
    page.click("#agenda-feed-link")
    expect(page.locator("#feed-state")).to_contain_text("还没有")
    page.click("#feed-create")
    address = page.locator("#feed-url")
    expect(address).to_be_visible()
    url = address.input_value()
    _shot(page, "unit_feed_made")
    feed = page.request.get(url)
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert f"rectification-{late.pk}@" in feed.text()
    page.goto(f"{live_server.url}/agenda/feed/")
    expect(page.locator("#feed-url")).to_have_count(0)
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#feed-revoke")
    expect(page.locator("#feed-state")).to_contain_text("还没有")
    _shot(page, "unit_feed_revoked")
    assert page.request.get(url).status == 404

    # on a phone: the grid gives way to the list
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/agenda/")
    expect(page.locator("#agenda-grid")).to_be_hidden()
    expect(page.locator("#agenda-list")).to_contain_text("限期整改")
    _shot(page, "unit_calendar_phone")
    page.goto(f"{live_server.url}/workbench/")
    expect(page.get_by_text("即将到期")).to_be_visible()
    expect(page.locator("#agenda-upcoming")).not_to_contain_text("加载中")  # htmx filled the panel
    _shot(page, "unit_workbench_phone")
    assert not errors
