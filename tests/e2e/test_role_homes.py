"""Every role logs in through the real login page (with its second factor) and sees its own workbench."""

import pytest
from playwright.sync_api import expect

from tests.world import ACTORS

pytestmark = pytest.mark.e2e

MENU = {
    "system_admin": "账户",
    "security_admin": "安全策略",
    "audit_admin": "审计日志",
    "prefecture_officer": "单位",
    "regional_officer": "数据看板",  # its 单位 sits in the 数据 dropdown (tests/e2e/test_menu_browser.py opens them)
}


@pytest.mark.parametrize(
    "actor", [a for a in ACTORS if a not in ("anonymous", "unit_admin_other", "prefecture_officer_other")]
)
def test_role_logs_in_and_sees_its_workbench(actor, e2e_world, browser_login, page, shoot):
    user = e2e_world.user(actor)
    browser_login(user)
    assert page.get_by_role("heading", level=1).inner_text().startswith("欢迎")
    assert user.get_role_display() in page.locator("header").inner_text()
    if actor in MENU:
        expect(page.get_by_role("link", name=MENU[actor]).first).to_be_visible()
    shoot(f"home-{actor}")


def test_wrong_password_shows_a_chinese_message(e2e_world, page, live_server, shoot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("unit_admin")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    shoot("login-wrong-password")


def test_public_landing_page(e2e_world, page, live_server, shoot):
    page.goto(f"{live_server.url}/")
    assert "内蒙古高价值专利培育中心管理平台" in page.title()
    shoot("landing")
