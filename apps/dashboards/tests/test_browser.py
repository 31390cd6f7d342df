"""The dashboards in a real browser at demo scale (the whole demo loaded): the region's map renders from the static
province outlines (no network beyond the site), shows the demo's centers per prefecture — the figures the test reads
from the database — and a click on 包头市 opens the centers' list filtered by that prefecture; a prefecture office
sees only its own; a lead unit its center's KPIs, funds and deadlines. Screenshots: $DASH_SHOTS (/tmp/shots_dash)."""

import os

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("DASH_SHOTS", "/tmp/shots_dash")


@pytest.fixture
def demo(transactional_db):
    from django.core.management import call_command

    call_command("load_demo")


def _ready(page, selector):
    expect(page.locator(f"{selector}[data-ready='1']")).to_have_count(1, timeout=60_000)
    expect(page.locator(f"{selector} svg").first).to_be_visible()


def test_each_roles_dashboard_at_demo_scale(demo, login, page, live_server):
    from apps.centers.models import Center
    from apps.reference.models import Prefecture

    os.makedirs(SHOTS, exist_ok=True)
    errors, outside = [], []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    baotou = Prefecture.objects.get(name="包头市")
    in_baotou = Center.objects.filter(prefecture=baotou).count()
    assert in_baotou >= 2

    # the region: the map with the demo's centers, and every chart drawn
    login("regional")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{live_server.url}/dashboards/")
    _ready(page, "#chart-map")
    for chart in ("#chart-industry", "#chart-status", "#chart-kpi", "#chart-funding", "#chart-applications"):
        _ready(page, chart)
    expect(page.locator("#stat-centers")).to_contain_text(str(Center.objects.count()))
    expect(page.locator("#stat-centers")).to_have_attribute("href", "/centers/")
    expect(page.locator("#chart-map")).to_contain_text("包头市")
    expect(page.locator("#chart-map")).to_contain_text("满洲里市")
    page.screenshot(path=f"{SHOTS}/1_region.png", full_page=True)

    # a click on 包头市 (a point inside its outline) opens its centers
    x, y = page.evaluate(
        "([lon, lat]) => echarts.getInstanceByDom(document.getElementById('chart-map'))"
        ".convertToPixel({geoIndex: 0}, [lon, lat])",
        [110.0, 41.6],
    )
    box = page.locator("#chart-map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url(f"**/centers/?prefecture={baotou.pk}")
    expect(page.locator("table tbody tr")).to_have_count(in_baotou)
    page.screenshot(path=f"{SHOTS}/2_region_click_baotou.png", full_page=True)

    # the 包头 office: its own centers only
    login("pref_150200")
    page.goto(f"{live_server.url}/dashboards/")
    _ready(page, "#chart-map")
    expect(page.locator("#stat-centers")).to_contain_text(str(in_baotou))
    page.screenshot(path=f"{SHOTS}/3_prefecture.png", full_page=True)

    # a lead unit: its center's KPIs, funds and deadlines
    login("institute_admin")
    page.goto(f"{live_server.url}/dashboards/")
    expect(page.locator("h1")).to_contain_text("稀土研究院")
    _ready(page, "#chart-center-kpi")
    expect(page.locator("#deadlines li").first).to_be_visible()
    page.screenshot(path=f"{SHOTS}/4_center.png", full_page=True)

    assert errors == [], errors
    assert outside == [], outside  # the map and the charts need nothing beyond the site
