"""The KPI early warning in a real browser (issue 21), on 2025-07-01: the weekly job flags the world's center (its
invention filings run one a month against a target of 20) and a center of the other prefecture; the region's list
shows both and filters by prefecture; the prefecture office sees its own, opens the flag with its KPI lines, is
refused a dismissal without a reason (the Chinese message, nothing changed), dismisses it with one; the lead unit
reads its center's tab: target, reached, projected and 数据不足. Screenshots: /tmp/shots_monitoring/."""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from apps.monitoring import services
from apps.monitoring.models import Flag

from .monitoring_setup import AS_OF, filings, monitored_center

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("MONITORING_SHOTS", "/tmp/shots_monitoring")


def test_flags_listed_opened_dismissed_and_the_centers_projections(world, login, page, live_server, clock):
    os.makedirs(SHOTS, exist_ok=True)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    clock.set(AS_OF)
    mine = monitored_center(world, filings_target="20")
    filings(mine, months=6)
    other = monitored_center(world, org=world.org_other, filings_target="14")
    filings(other, months=6)
    services.refresh_all()
    flag = Flag.objects.get(center=mine)

    # the region: both flags, then prefecture B's only
    login(world.user("regional_officer"))
    page.goto(live_server.url + reverse("monitoring:flags"))
    expect(page.locator("#flags tbody tr[data-flag]")).to_have_count(2)
    expect(page.locator(f'tr[data-flag="{flag.pk}"]')).to_contain_text("高风险")
    page.screenshot(path=f"{SHOTS}/1_region_list.png", full_page=True)
    page.select_option("#id_prefecture", str(world.prefecture_other.pk))
    page.click(".list-toolbar form[role=search] button")
    expect(page.locator("#flags tbody tr[data-flag]")).to_have_count(1)
    expect(page.locator("#flags")).to_contain_text("有风险")

    # the prefecture office: its own flag, the KPI lines, a dismissal refused without a reason, then dismissed
    login(world.user("prefecture_officer"))
    page.goto(live_server.url + reverse("monitoring:flags"))
    expect(page.locator("#flags tbody tr[data-flag]")).to_have_count(1)
    page.click(f'tr[data-flag="{flag.pk}"] a')
    expect(page.locator('#flag-lines tr[data-status="high_risk"]')).to_contain_text("发明专利申请量")
    expect(page.locator('#flag-lines tr[data-status="not_enough_data"]')).to_contain_text("数据不足")
    page.screenshot(path=f"{SHOTS}/2_flag.png", full_page=True)
    page.click("#dismiss-form button[type=submit]")
    expect(page.locator("#dismiss-form")).to_contain_text("理由")
    page.screenshot(path=f"{SHOTS}/3_no_reason.png", full_page=True)
    flag.refresh_from_db()
    assert flag.state == Flag.State.OPEN
    page.fill("#id_reason", "已约谈中心，下半年集中提交发明专利申请。")
    page.click("#dismiss-form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("预警已解除")
    expect(page.locator("#flag-state")).to_contain_text("已解除")
    expect(page.locator("#dismissal")).to_contain_text("下半年集中提交")
    page.screenshot(path=f"{SHOTS}/4_dismissed.png", full_page=True)

    # the lead unit: its center's tab
    login(world.user("unit_admin"))
    page.goto(live_server.url + reverse("monitoring:center", args=[mine.pk]))
    expect(page.locator('#projection tr[data-status="high_risk"]')).to_contain_text("20")
    expect(page.locator("#projection")).to_contain_text("数据不足")
    expect(page.locator("#live-flag")).to_contain_text("已解除")
    page.click("#projection-method summary")
    expect(page.locator("#projection-method")).to_contain_text("最小二乘")
    page.screenshot(path=f"{SHOTS}/5_center_tab.png", full_page=True)
    assert not errors, errors
