"""A list in a real browser (issue 21, `apps.core.listing`): the region opens the centers' list, filters it by
prefecture, sorts it by name both ways with the column header, and downloads the .xlsx of exactly those rows.
Screenshots: /tmp/shots_lists/centers_*.png."""

import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("LISTS_SHOTS", "/tmp/shots_lists"))


@pytest.fixture
def login(page, live_server):
    from django.conf import settings
    from django.test import Client

    from tests.world import login as sign_in

    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(60_000)

    def log_in(user):
        client = Client()
        sign_in(client, user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])

    return log_in


def test_the_region_filters_sorts_and_exports_the_centers(e2e_world, page, live_server, login):
    from openpyxl import load_workbook

    from apps.centers.tests.factories import center_for
    from apps.organizations.tests.factories import OrganizationFactory

    world = e2e_world
    for name in ("丙单位", "甲单位", "乙单位"):
        center_for(world, org=OrganizationFactory(name=name, prefecture=world.prefecture))
    center_for(world, org=world.org_other)  # another prefecture: filtered out
    SHOTS.mkdir(parents=True, exist_ok=True)

    login(world.user("regional_officer"))
    page.goto(f"{live_server.url}/centers/")
    rows = page.locator("#center-list tbody tr")
    expect(rows).to_have_count(4)

    page.select_option("#id_prefecture", label=world.prefecture.name)
    page.get_by_role("button", name="筛选").click()
    expect(rows).to_have_count(3)
    expect(page.locator("#center-list tbody")).not_to_contain_text(world.org_other.name)

    page.locator("#center-list thead th").first.get_by_role("link").click()  # the header: sort by name, ascending
    expect(page.locator("#center-list th[aria-sort=ascending]")).to_have_count(1)
    names = rows.locator("td:first-child").all_inner_texts()
    assert names == sorted(names)
    page.locator("#center-list th[aria-sort=ascending] a").click()  # again: descending
    expect(page.locator("#center-list th[aria-sort=descending]")).to_have_count(1)
    names = rows.locator("td:first-child").all_inner_texts()
    assert names == sorted(names, reverse=True)
    page.screenshot(path=str(SHOTS / "centers_filtered_sorted.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    data = Path(download.value.path()).read_bytes()
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    exported = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert exported == names
    assert download.value.suggested_filename.endswith(".xlsx")
