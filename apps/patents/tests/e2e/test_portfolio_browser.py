"""The portfolio in a real browser (issue 16, "Bad input"): the lead unit enters a patent by form with a mistyped
application number — the Chinese message stands at the field and everything typed is still there — corrects it,
finds the patent in the list (filtered), opens it, adds an overseas family member; an officer sees it read-only and
is refused the form. Screenshots: /tmp/patents_portfolio_*.png (look at them)."""

import os

import pytest
from playwright.sync_api import expect

from apps.centers.models import Center
from apps.patents.models import FamilyMember, Patent

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("PORTFOLIO_SHOTS", "/tmp")


def shoot(page, name):
    page.screenshot(path=f"{SHOTS}/patents_portfolio_{name}.png", full_page=True)


@pytest.fixture
def setup(transactional_db):
    """The demo up to the applications, the hydrogen application approved: its center, under construction."""
    from apps.applications import demo, services_decision
    from apps.applications.models import Application
    from apps.calls import demo as calls_demo
    from apps.demo import accounts
    from apps.reference.services import ensure_reference_data

    ensure_reference_data()  # transactional tests flush the data-migration rows
    users = accounts.load()
    calls_demo.load(users)
    demo.load(users)
    hydrogen = Application.objects.get(lead_unit=users["organizations"]["hydrogen"], status=Application.Status.SELECTED)
    services_decision.application_approve(users["regional_officer"], hydrogen)
    center = Center.objects.get(application=hydrogen)
    Center.objects.filter(pk=center.pk).update(status=Center.Status.UNDER_CONSTRUCTION)
    return users, center


@pytest.fixture
def login(page, live_server):
    from django_otp.oath import TOTP

    from apps.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX

    logins = {}

    def log_in(user):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        if user.requires_two_factor:
            page.wait_for_url("**/accounts/verify/")
            totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX))
            totp.drift = min(logins.get(user.pk, 0), 1)  # a token is accepted once: a second login takes the next
            logins[user.pk] = logins.get(user.pk, 0) + 1
            page.get_by_label("验证码").fill(f"{totp.token():06d}")
            page.get_by_role("button", name="验证").click()
        page.wait_for_url("**/workbench/")

    return log_in


def test_a_patent_entered_with_a_bad_number_then_fixed_appears_in_the_list(setup, login, page, live_server):
    users, center = setup
    login(users["hydrogen_admin"])
    portfolio_url = f"{live_server.url}/centers/{center.pk}/patents/"
    page.goto(portfolio_url)
    assert "尚未登记专利" in page.locator("main").inner_text()
    page.get_by_role("link", name="录入专利").click()

    page.locator("#id_application_number").fill("CN201611162814.1")  # one digit mistyped: the check character disagrees
    page.locator("#id_title").fill("一种稀土永磁材料的制备方法")
    page.locator("#id_applicants").fill("包头稀土研究院; 内蒙古大学")
    page.locator("#id_filing_date").fill("2016-12-15")
    page.get_by_label("（三）推动专利转化运用").check()
    page.get_by_role("button", name="录入", exact=True).click()

    error = page.locator(".invalid-feedback").first.inner_text()
    assert "校验" in error, error
    assert page.locator("#id_title").input_value() == "一种稀土永磁材料的制备方法"
    assert page.locator("#id_applicants").input_value() == "包头稀土研究院; 内蒙古大学"
    assert page.locator("#id_application_number").input_value() == "CN201611162814.1"
    expect(page.get_by_label("（三）推动专利转化运用")).to_be_checked()
    assert not Patent.objects.exists()
    shoot(page, "1_bad_number")

    page.locator("#id_application_number").fill("CN201611162814.0")
    page.get_by_role("button", name="录入", exact=True).click()
    page.wait_for_url("**/patents/*/")
    assert "专利 CN201611162814.0 已录入" in page.locator(".alert-success").first.inner_text()
    patent = Patent.objects.get()
    assert patent.application_number == "201611162814.0" and patent.tasks == ["transfer_use"]

    page.get_by_role("link", name="添加同族").click()
    page.locator("#id_number").fill("US20190123456A1")
    page.get_by_role("button", name="添加").click()
    assert "US20190123456A1" in page.locator("[data-family]").inner_text()
    assert FamilyMember.objects.get().overseas
    shoot(page, "2_detail")

    page.goto(portfolio_url + "?overseas=true&task=transfer_use")
    table = page.locator("[data-patents]").inner_text()
    assert "CN201611162814.0" in table and "一种稀土永磁材料的制备方法" in table
    shoot(page, "3_list")

    # The region sees it, read-only: no form, and the form's address answers 403 with the reason.
    login(users["regional_officer"])
    page.goto(f"{live_server.url}/centers/all-patents/")
    assert "CN201611162814.0" in page.locator("[data-patents]").inner_text()
    shoot(page, "4_all_patents")
    response = page.goto(f"{live_server.url}/centers/{center.pk}/patents/new/")
    assert response.status == 403 and "牵头单位" in page.locator("body").inner_text()
    shoot(page, "5_refused")
