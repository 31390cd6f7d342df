"""The inbox and the notification settings in a real browser (issue 21): the menu's counts of pending actions and
unread messages, the tabs, marking a message read; the settings page from the user menu, a cleared time refused in
Chinese with nothing saved, then a digest chosen and saved. Screenshots: $NOTIF_SHOTS (default /tmp)."""

import datetime
import os

import pytest
from playwright.sync_api import expect

from apps.notifications import services
from apps.notifications.models import EmailMode, Kind, NotificationPreference

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("NOTIF_SHOTS", "/tmp")


def test_the_inbox_counts_tabs_and_the_settings_page(world, login, page, live_server):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    officer = world.user("prefecture_officer")
    services.notify([officer], "请审核单位注册：甲企业", subject=world.org, is_task=True, email=False)
    services.notify([officer], "请推荐申报：稀土永磁高价值专利培育中心", subject=world.org, is_task=True, email=False)
    services.notify([officer], "检查安排已发布：12月10日现场检查", subject=world.org, kind=Kind.CENTERS, email=False)
    services.notify([officer], "绩效评价结果已公布", subject=world.org, kind=Kind.EVALUATIONS, email=False)
    services.notify([officer], "系统将于周六 22:00 维护", email=False)

    login(officer)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/inbox/")
    expect(page.locator("#nav-open-tasks")).to_contain_text("2")
    expect(page.locator("#nav-unread-messages")).to_contain_text("3")
    expect(page.locator("#inbox-list .inbox-row")).to_have_count(2)
    page.screenshot(path=f"{SHOTS}/notif_1_inbox_tasks.png", full_page=True)

    page.click("#inbox-tabs >> text=消息")
    expect(page.locator("#inbox-list .inbox-row")).to_have_count(3)
    expect(page.locator("#inbox-list .inbox-unread")).to_have_count(3)
    page.locator("#inbox-list .inbox-row", has_text="绩效评价结果已公布").get_by_role("button", name="标为已读").click()
    expect(page.locator("#inbox-list .inbox-unread")).to_have_count(2)
    expect(page.locator("#nav-unread-messages")).to_contain_text("2")
    page.screenshot(path=f"{SHOTS}/notif_2_inbox_messages.png", full_page=True)

    # the settings, from the user menu
    page.click("#nav-user")  # the user menu (the menu groups are dropdowns too)
    page.click("header .dropdown-menu >> text=通知设置")
    expect(page.locator("h1")).to_have_text("通知设置")
    page.fill("#id_digest_time", "")
    page.click("#preferences-save")
    expect(page.locator("#preferences-errors")).to_contain_text("没有保存")
    expect(page.locator(".preferences-time .invalid-feedback")).to_contain_text("必填")
    page.screenshot(path=f"{SHOTS}/notif_3_preferences_refused.png", full_page=True)
    assert not NotificationPreference.objects.exists()

    page.check(f"#preferences-table input[name=mode_{Kind.CENTERS}][value={EmailMode.DIGEST}]")
    page.check(f"#preferences-table input[name=mode_{Kind.EVALUATIONS}][value={EmailMode.DIGEST}]")
    page.check(f"#preferences-table input[name=mode_{Kind.SYSTEM}][value={EmailMode.OFF}]")
    page.fill("#id_digest_time", "17:30")
    page.click("#preferences-save")
    expect(page.locator(".alert-success")).to_contain_text("通知设置已保存")
    preference = NotificationPreference.objects.get(user=officer)
    assert preference.digest_time == datetime.time(17, 30)
    assert preference.mode(Kind.CENTERS) == EmailMode.DIGEST and preference.mode(Kind.TASK) == EmailMode.IMMEDIATE
    page.screenshot(path=f"{SHOTS}/notif_4_preferences_saved.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.screenshot(path=f"{SHOTS}/notif_5_preferences_phone.png", full_page=True)
    assert errors == []
