"""A KPI change in a real browser (issue 15, "done when"): the lead unit requests it — targets with three decimals are
refused with the reason and nothing typed is lost — and submits it; a second open change of the same kind is
refused; the prefecture office gives its opinion; the region approves: contract version 2 is in force and is
compared with version 1. Screenshots under /tmp/shots/changes/ (look at them)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from apps.centers.models import ChangeRequest, ContractVersion

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = Path(os.environ.get("CENTER_SHOTS", "/tmp/shots")) / "changes"


@pytest.fixture
def world_center(live_server, transactional_db):
    from apps.centers.tests.changes_setup import signed_center
    from tests.world import build_world

    world = build_world()
    return world, signed_center(world)


@pytest.fixture
def as_user(browser, live_server):
    """as_user(user) → a page in that user's own browser context, logged in once (second factor included)."""
    from django_otp.oath import TOTP

    from apps.accounts.tests.factories import PASSWORD, totp_device

    pages = {}

    def page_of(user):
        if user.pk in pages:
            return pages[user.pk]
        device = None
        if user.requires_two_factor:
            device = user.totpdevice_set.filter(confirmed=True).first() or totp_device(user)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        if user.requires_two_factor:
            page.wait_for_url("**/accounts/verify/")
            code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
            page.get_by_label("验证码").fill(f"{code:06d}")
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


def test_a_kpi_change_requested_opined_approved_and_compared(world_center, as_user, live_server):
    world, center = world_center
    base = live_server.url

    # The lead unit asks for the change: first with three decimals (refused, nothing lost), then right.
    unit = as_user(world.user("unit_admin"))
    unit.goto(f"{base}/centers/{center.pk}/changes/")
    unit.get_by_role("link", name="申请变更").click()
    shoot(unit, "01-kinds")
    unit.get_by_role("link", name="考核指标").click()
    unit.get_by_label("发明专利授权量，第3年").fill("35.125")
    unit.get_by_label("变更理由").fill("产业化进度加快，提高期末发明专利授权目标。")
    unit.get_by_role("button", name="保存为草稿").click()
    refusal = unit.get_by_role("alert").filter(has_text="最多保留2位小数").first
    assert "“发明专利授权量”第3年目标值最多保留2位小数" in refusal.inner_text()
    assert unit.get_by_label("发明专利授权量，第3年").input_value() == "35.125"
    assert unit.get_by_label("变更理由").input_value() == "产业化进度加快，提高期末发明专利授权目标。"
    assert not ChangeRequest.objects.filter(center=center).exists()
    shoot(unit, "02-three-decimals-refused")

    unit.get_by_label("发明专利授权量，第3年").fill("35")
    unit.get_by_role("button", name="保存为草稿").click()
    assert "变更申请草稿已保存" in unit.locator(".alert-success").first.inner_text()
    assert "30" in unit.locator("#proposal").inner_text() and "35" in unit.locator("#proposal").inner_text()
    unit.get_by_role("button", name="提交盟市局").click()
    assert "已提交" in unit.locator("#change-status").inner_text()
    shoot(unit, "03-submitted")

    # A second open change of the same kind: warned on the form, refused on sending, nothing created.
    unit.goto(f"{base}/centers/{center.pk}/changes/new/?kind=kpi_targets")
    expect(unit.locator("#open-already")).to_be_visible()
    unit.get_by_label("发明专利授权量，第2年").fill("16")
    unit.get_by_label("变更理由").fill("再提高第二年目标。")
    unit.get_by_role("button", name="保存为草稿").click()
    refusal = unit.get_by_role("alert").filter(has_text="未办结").first.inner_text()
    assert "已有一项未办结的“考核指标”变更申请" in refusal
    assert unit.get_by_label("变更理由").input_value() == "再提高第二年目标。"
    assert ChangeRequest.objects.filter(center=center).count() == 1
    shoot(unit, "04-second-open-refused")

    change = ChangeRequest.objects.get(center=center)

    # The prefecture office gives its opinion.
    office = as_user(world.user("prefecture_officer"))
    office.goto(f"{base}/centers/{center.pk}/changes/{change.pk}/")
    office.get_by_label("同意变更", exact=True).check()
    office.get_by_label("盟市局意见").fill("情况属实，同意变更。")
    office.get_by_role("button", name="出具意见").click()
    assert "待自治区局决定" in office.locator("#change-status").inner_text()
    shoot(office, "05-opined")

    # The region approves: version 2 in force, compared with version 1.
    region = as_user(world.user("regional_officer"))
    region.goto(f"{base}/centers/{center.pk}/changes/{change.pk}/")
    region.get_by_label("备注").fill("同意。")
    region.get_by_role("button", name="批准变更").click()
    assert "变更已批准" in region.locator(".alert-success").first.inner_text()
    assert "第 2 版" in region.locator("#produced-version").inner_text()
    shoot(region, "06-approved")
    assert ContractVersion.objects.get(contract__center=center, status="in_force").number == 2

    region.locator("#compare-link").click()
    region.wait_for_url("**/contract/compare/**")
    body = region.locator("main").inner_text()
    assert "35" in body and "30" in body
    shoot(region, "07-compare-v1-v2")

    region.goto(f"{base}/centers/{center.pk}/changes/")
    assert "已批准" in region.locator("#past-changes").inner_text()
    shoot(region, "08-tab-after-approval")


def test_the_region_terminates_a_center_and_it_stays_visible_marked(world_center, as_user, live_server):
    import datetime

    from apps.centers import funding
    from apps.centers.models import Center, Termination
    from apps.core import clock

    world, center = world_center
    funding.allocate(
        world.user("regional_officer"),
        center,
        tranche_number=1,
        amount="500000",
        occurred_on=clock.today(),
        document_number="内市监知发〔2026〕12号",
    )
    base = live_server.url
    region = as_user(world.user("regional_officer"))
    region.goto(f"{base}/centers/{center.pk}/changes/")
    region.get_by_role("link", name="终止培育中心").click()
    region.get_by_label("终止理由").fill("连续两年未开展实质性建设工作，经约谈仍未整改。")
    region.get_by_label("生效日期").fill((clock.today() + datetime.timedelta(days=5)).isoformat())
    region.get_by_role("button", name="终止培育中心").click()
    assert "终止生效日期不能晚于今天" in region.get_by_role("alert").first.inner_text()
    assert region.get_by_label("终止理由").input_value() == "连续两年未开展实质性建设工作，经约谈仍未整改。"
    assert not Termination.objects.filter(center=center).exists()
    shoot(region, "09-termination-future-date-refused")

    region.get_by_label("生效日期").fill(clock.today().isoformat())
    region.get_by_role("button", name="终止培育中心").click()
    assert "培育中心已终止" in region.locator(".alert-success").first.inner_text()
    assert "追回未使用经费 500,000.00 元" in region.locator("#clawback").inner_text()
    assert Center.objects.get(pk=center.pk).status == Center.Status.TERMINATED
    shoot(region, "10-terminated-with-clawback")

    unit = as_user(world.user("unit_admin"))
    unit.goto(f"{base}/centers/{center.pk}/changes/")
    expect(unit.locator("#ended-note")).to_be_visible()
    expect(unit.get_by_role("link", name="申请变更")).to_have_count(0)
    shoot(unit, "11-unit-sees-terminated-center")
