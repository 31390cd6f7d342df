"""The funding ledger and the IP council in a real browser (issue 15, "done when"): on the demo's hydrogen center
(鄂尔多斯氢能, its contract put in force for the test), the region allocates two tranches (a third amount over what
the tranche still owes is refused); the center reports an expenditure with its voucher — an amount with three
decimals and an amount over its budget category are refused in Chinese and change nothing; the lead unit declares
its work office (a bad phone number refused), adds a council member and records a meeting with two decisions and its
minutes (a meeting dated tomorrow is refused).
Screenshots under /tmp/shots/funding/ (look at them)."""

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from apps.applications.demo import tiny_pdf
from apps.applications.models import Application
from apps.centers.models import Center, CouncilMeeting, LedgerEntry
from apps.core import clock

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = Path(os.environ.get("CENTER_SHOTS", "/tmp/shots")) / "funding"


@pytest.fixture
def center(transactional_db):
    """The demo up to the applications, the hydrogen application approved, its contract in force (set up directly:
    the contract's own browser test walks the signing) with 1,000,000 yuan in two tranches."""
    from apps.applications import demo, services_decision
    from apps.calls import demo as calls_demo
    from apps.centers.tests.funding_setup import in_force
    from apps.demo import accounts
    from apps.reference.services import ensure_reference_data

    ensure_reference_data()  # transactional tests flush the data-migration rows
    users = accounts.load()
    calls_demo.load(users)
    demo.load(users)
    hydrogen = Application.objects.get(lead_unit=users["organizations"]["hydrogen"], status=Application.Status.SELECTED)
    services_decision.application_approve(users["regional_officer"], hydrogen)
    center = Center.objects.get(application=hydrogen)
    in_force(
        center,
        budget=(("专利导航与分析评议", "300000.00"), ("专利申请与布局", "700000.00")),
        officer=users["regional_officer"],
    )
    Center.objects.filter(pk=center.pk).update(status=Center.Status.UNDER_CONSTRUCTION)
    return users, center


@pytest.fixture
def as_user(browser, live_server):
    """as_user(user) → a page in that user's own browser context, logged in once (second factor included)."""
    from django_otp.oath import TOTP

    from apps.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX

    pages = {}

    def page_of(user):
        if user.pk in pages:
            return pages[user.pk]
        context = browser.new_context(accept_downloads=True, viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        if user.requires_two_factor:
            page.wait_for_url("**/accounts/verify/")
            totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX))
            totp.drift = min(len(pages), 1)
            page.get_by_label("验证码").fill(f"{totp.token():06d}")
            page.get_by_role("button", name="验证").click()
        page.wait_for_url("**/workbench/")
        pages[user.pk] = page
        return page

    yield page_of
    for page in pages.values():
        page.context.close()


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _allocate(page, tranche, amount, document):
    page.get_by_role("link", name="拨付经费").click()
    page.get_by_label("期次").select_option(str(tranche))
    page.get_by_label("金额（元）").fill(amount)
    page.get_by_label("拨付日期").fill(clock.today().isoformat())
    page.get_by_label("文号").fill(document)
    page.get_by_role("button", name="录入").click()


def test_two_tranches_an_expenditure_and_a_council_meeting(center, as_user, live_server, tmp_path):
    users, center = center
    ledger = f"{live_server.url}/centers/{center.pk}/funding/"

    # The region allocates the first tranche, then the second; more than a tranche still owes is refused.
    region = as_user(users["regional_officer"])
    region.goto(ledger)
    assert "拨付计划" in region.locator("main").inner_text()
    _allocate(region, 1, "500000", "内市监知发〔2026〕21号")
    assert "第1期经费已拨付" in region.locator(".alert-success").first.inner_text()
    _allocate(region, 2, "500000.01", "内市监知发〔2026〕22号")
    assert "最多还可拨付500,000.00元" in region.locator("main").inner_text()
    shoot(region, "01-tranche-over-what-it-owes")
    region.get_by_label("金额（元）").fill("500000")
    region.get_by_role("button", name="录入").click()
    assert "第2期经费已拨付" in region.locator(".alert-success").first.inner_text()
    assert region.locator('[data-balance="allocated"]').inner_text() == "1,000,000.00"
    shoot(region, "02-two-tranches-allocated")
    assert LedgerEntry.objects.filter(center=center, kind="allocation").count() == 2

    # The center reports an expenditure: three decimals, then more than the category's budget, then right.
    unit = as_user(users["hydrogen_admin"])
    unit.goto(ledger)
    unit.get_by_role("link", name="填报支出").click()
    voucher = tmp_path / "专利导航服务费发票.pdf"
    voucher.write_bytes(tiny_pdf("invoice 1"))
    unit.get_by_label("预算科目").select_option("专利导航与分析评议")
    unit.get_by_label("金额（元）").fill("1234.567")
    unit.get_by_label("支付日期").fill(clock.today().isoformat())
    unit.get_by_label("摘要").fill("氢能产业专利导航分析服务费")
    unit.get_by_label("凭证").set_input_files(str(voucher))
    unit.get_by_role("button", name="录入").click()
    assert "最多保留两位小数" in unit.locator("main").inner_text()
    shoot(unit, "03-three-decimals-refused")
    unit.get_by_label("金额（元）").fill("300000.01")
    unit.get_by_label("凭证").set_input_files(str(voucher))
    unit.get_by_role("button", name="录入").click()
    text = unit.locator("main").inner_text()
    assert "最多还可填报300,000.00元" in text and "预算调整" in text
    shoot(unit, "04-over-the-category-refused")
    assert not LedgerEntry.objects.filter(kind="expenditure").exists()
    unit.get_by_label("金额（元）").fill("120000.50")
    unit.get_by_label("凭证").set_input_files(str(voucher))
    unit.get_by_role("button", name="录入").click()
    assert "支出120,000.50元" in unit.locator(".alert-success").first.inner_text()
    assert unit.locator('[data-balance="available"]').inner_text() == "879,999.50"
    assert "专利导航服务费发票.pdf" in unit.locator("#ledger-entries").inner_text()
    shoot(unit, "05-expenditure-reported")
    entry = LedgerEntry.objects.get(kind="expenditure")
    assert entry.amount == Decimal("120000.50")

    # The lead unit declares its work office (a bad phone number first) with a staff row.
    unit.goto(f"{live_server.url}/centers/{center.pk}/office/")
    unit.get_by_role("link", name="填报工作机构").click()
    unit.get_by_label("工作机构负责人").fill("高强")
    unit.locator("#id_phone").fill("12345")
    unit.get_by_label("办公面积（平方米）").fill("150")
    unit.locator("#id_staff-0-name").fill("高强")
    unit.locator("#id_staff-0-role").fill("主任")
    unit.locator("#id_staff-0-employment").select_option("full_time")
    unit.get_by_role("button", name="保存工作机构").click()
    assert "未保存" in unit.locator(".alert-danger").first.inner_text()
    unit.locator("#id_phone").fill("0477-8123456")
    unit.get_by_role("button", name="保存工作机构").click()
    assert "工作机构已保存" in unit.locator(".alert-success").first.inner_text()
    assert "0477-8123456" in unit.locator("main").inner_text()

    # … adds a council member and records a meeting with two decisions and its minutes.
    unit.get_by_role("link", name="添加议事机构成员").click()
    unit.get_by_label("姓名").fill("高强")
    unit.get_by_label("所属方").select_option("lead_unit")
    unit.get_by_label("单位").select_option(label=center.lead_unit.name)
    unit.get_by_label("议事机构职务").select_option("chair")
    unit.get_by_label("加入日期").fill((clock.today() - timedelta(days=10)).isoformat())
    unit.get_by_role("button", name="添加成员").click()
    assert "高强已加入知识产权议事机构" in unit.locator(".alert-success").first.inner_text()
    unit.get_by_role("link", name="登记会议").click()
    unit.get_by_label("会议日期").fill((clock.today() + timedelta(days=1)).isoformat())
    unit.get_by_label("会议名称").fill("知识产权议事机构第一次会议")
    unit.get_by_label("议题").fill("1. 专利信息平台建设；2. 氢能装备专利布局。")
    unit.get_by_label("高强（主任）").check()
    unit.locator("#id_decision-0-subject").select_option("information_platform")
    unit.locator("#id_decision-0-text").fill("三个月内建成氢能专利信息平台。")
    unit.locator("#id_decision-1-subject").select_option("patent_layout")
    unit.locator("#id_decision-1-text").fill("围绕电解槽关键部件开展专利布局。")
    minutes = tmp_path / "会议纪要.pdf"
    minutes.write_bytes(tiny_pdf("minutes"))
    unit.get_by_label("会议纪要").set_input_files(str(minutes))
    unit.get_by_role("button", name="登记会议").click()
    assert "会议日期不能晚于今天" in unit.locator("main").inner_text()
    shoot(unit, "06-meeting-in-the-future-refused")
    assert not CouncilMeeting.objects.exists()
    unit.get_by_label("会议日期").fill(clock.today().isoformat())
    unit.get_by_label("会议纪要").set_input_files(str(minutes))
    unit.get_by_role("button", name="登记会议").click()
    assert "会议已登记" in unit.locator(".alert-success").first.inner_text()
    text = unit.locator("main").inner_text()
    assert "三个月内建成氢能专利信息平台" in text and "专利布局" in text and "会议纪要.pdf" in text
    shoot(unit, "07-meeting-recorded")

    # The region sees the council and its meeting, without the lead unit's forms.
    region.goto(f"{live_server.url}/centers/{center.pk}/office/")
    text = region.locator("main").inner_text()
    assert "知识产权议事机构第一次会议" in text and "登记会议" not in text and "150 m²" in text
    shoot(region, "08-region-sees-the-council")
