"""The KPI table in a real browser (issue 16, "done when": the center's KPI table fills from the records with
click-through to them): on a center whose contract runs from 2024-01-01 with the hand-counted portfolio of
`kpi_setup`, the region opens the KPI tab as of 2024-12-31 — the invention grants show 2 (behind the target of 3),
the licence fees 150000.5 元 (met), the bacterial strains "self-reported" — clicks the grants figure and finds the
two granted patents; on the bindings page a strain KPI bound to a money metric is refused in Chinese and nothing
changes; the lead unit reports the strains (a negative value refused, then 3 with its explanation) and the table
shows it met, with the badge. Screenshots: /tmp/patents_kpi_*.png (look at them)."""

import os
from datetime import date

import pytest
from playwright.sync_api import expect

from apps.centers.models import Center
from apps.patents.models import SelfReportedValue

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("KPI_SHOTS", "/tmp")


def shoot(page, name):
    page.screenshot(path=f"{SHOTS}/patents_kpi_{name}.png", full_page=True)


@pytest.fixture
def setup(transactional_db):
    from apps.centers.tests.factories import center_for
    from apps.patents.tests.kpi_setup import contract, portfolio
    from apps.reference.services import ensure_reference_data
    from tests.world import build_world

    ensure_reference_data()  # transactional tests flush the data-migration rows
    world = build_world()
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    version = contract(center, starts_on=date(2024, 1, 1))
    portfolio(center, world.user("unit_admin"))
    return world, center, version


@pytest.fixture
def login(page, live_server):
    from django_otp.oath import TOTP

    from apps.accounts.tests.factories import PASSWORD, totp_device

    def log_in(user):
        page.context.clear_cookies()
        device = user.totpdevice_set.filter(confirmed=True).first() or totp_device(user)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        # a user with a confirmed authenticator is asked for its code, whether or not the role requires one
        page.wait_for_url("**/accounts/verify/")
        page.get_by_label("验证码").fill(f"{TOTP(device.bin_key).token():06d}")
        page.get_by_role("button", name="验证").click()
        page.wait_for_url("**/workbench/", timeout=60000)

    return log_in


def test_the_kpi_table_fills_from_the_records_with_click_through(setup, login, page, live_server):
    world, center, version = setup
    grants = version.indicators.get(name="发明专利授权量")
    strains = version.indicators.get(name="自主知识产权菌种")
    table_url = f"{live_server.url}/centers/{center.pk}/patents/kpi/"

    # The region: the table as of the end of year 1, from the center's KPI tab.
    login(world.user("regional_officer"))
    page.goto(f"{live_server.url}/centers/{center.pk}/")
    page.get_by_role("link", name="指标完成情况").click()
    page.wait_for_url("**/patents/kpi/")
    page.get_by_role("textbox", name="截至日期").fill("2024-12-31")
    page.get_by_role("button", name="重新计算").click()
    page.wait_for_url("**as_of=2024-12-31")
    main = page.locator("main").inner_text()
    assert "发明专利授权量" in main and "自报" in main and "未达标" in main and "已达标" in main
    assert "150000.5" in main
    figure = page.locator(f'[data-kpi-figure="{grants.pk}-1"]')
    assert figure.inner_text() == "2"
    shoot(page, "table")

    # Click the figure: the two patents granted in 2024.
    figure.click()
    page.wait_for_url(f"**/patents/kpi/{grants.pk}/1/**")
    assert page.locator("[data-kpi-value]").inner_text() == "2"
    rows = page.locator("table.kpi-records tbody tr")
    expect(rows).to_have_count(2)
    assert "2024-10-01" in page.locator("table.kpi-records").inner_text()
    shoot(page, "records")

    # The bindings: a strain KPI (株) cannot be bound to a money metric.
    page.goto(table_url)
    page.get_by_role("link", name="绑定考核指标统计口径").click()
    page.get_by_label("自主知识产权菌种（株）").select_option("pledge_amount")
    page.get_by_role("button", name="保存绑定").click()
    assert "不能比较" in page.locator("main").inner_text()
    shoot(page, "binding_refused")
    strains.refresh_from_db()
    assert strains.metric == ""

    # The lead unit reports the strains: a negative value is refused, then 3 with its explanation.
    login(world.user("unit_admin"))
    page.goto(table_url)
    expect(page.get_by_role("link", name="绑定考核指标统计口径")).to_have_count(0)
    page.get_by_role("link", name="填报完成值").click()
    page.get_by_label("合同年度").select_option("1")
    page.get_by_label("完成值（累计）").fill("-1")
    page.get_by_label("完成日期").fill("2024-12-31")
    page.get_by_label("说明及佐证").fill("菌种保藏中心出具的保藏证明3份")
    page.get_by_role("button", name="填报").click()
    assert "数值" in page.locator("main").inner_text()
    shoot(page, "report_refused")
    assert not SelfReportedValue.objects.exists()
    page.get_by_label("完成值（累计）").fill("3")
    page.get_by_role("button", name="填报").click()
    page.wait_for_url("**/patents/kpi/")
    assert SelfReportedValue.objects.get().value == 3
    page.goto(f"{table_url}?as_of=2025-01-01")
    row = page.locator("tr", has_text="自主知识产权菌种")
    assert "自报" in row.inner_text() and "3" in row.inner_text() and "已达标" in row.inner_text()
    shoot(page, "self_reported")
