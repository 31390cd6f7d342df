"""The pre-filing assessment in a real browser (issue 16, "done when": a disclosure is assessed and later linked to
its patent): a unit member writes a disclosure and submits it; the unit administrator assesses it — first with a
score of 150, refused with the Chinese message and everything typed kept — then validly ("file"), and links it to
the patent once the application is in the portfolio; the patent's page shows the assessment; the prefecture office
sees the filed disclosure only. Screenshots: /tmp/patents_assessment_*.png (look at them)."""

import os
import re

import pytest
from playwright.sync_api import expect

from apps.centers.models import Center
from apps.patents.models import Disclosure, PreFilingAssessment

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("ASSESSMENT_SHOTS", "/tmp")


def shoot(page, name):
    page.screenshot(path=f"{SHOTS}/patents_assessment_{name}.png", full_page=True)


@pytest.fixture
def setup(transactional_db):
    from apps.centers.tests.factories import center_for
    from apps.reference.services import ensure_reference_data
    from tests.world import build_world

    ensure_reference_data()  # transactional tests flush the data-migration rows
    world = build_world()
    return world, center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def login(page, live_server):
    from django_otp.oath import TOTP

    from apps.accounts.tests.factories import PASSWORD, totp_device

    page.set_default_timeout(120_000)  # a loaded machine (the suite runs beside others)

    def log_in(user):
        page.context.clear_cookies()
        device = user.totpdevice_set.filter(confirmed=True).first() or totp_device(user)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(re.compile(r".*/(workbench|accounts/verify)/$"))
        if "/accounts/verify/" in page.url:  # a user with an authenticator confirms it, required or not
            page.get_by_label("验证码").fill(f"{TOTP(device.bin_key).token():06d}")
            page.get_by_role("button", name="验证").click()
        try:
            page.wait_for_url("**/workbench/")
        except Exception:
            shoot(page, f"login_{user.username}")
            raise

    return log_in


def test_a_disclosure_is_submitted_assessed_and_linked_to_its_patent(setup, login, page, live_server):
    from apps.core import clock
    from apps.patents.tests.factories import patent

    world, center = setup
    base = f"{live_server.url}/centers/{center.pk}/patents/disclosures/"

    # A unit member writes the disclosure and submits it.
    login(world.user("unit_member"))
    page.goto(base)
    page.get_by_role("link", name="新建交底书").click()
    page.locator("#id_title").fill("一种稀土永磁材料的晶界扩散方法")
    page.locator("#id_technical_field").fill("稀土永磁材料")
    page.locator("#id_problem").fill("重稀土用量大、成本高")
    page.locator("#id_solution").fill("在磁体表面涂覆镝化合物后分级热处理。")
    page.locator("#id_inventors").fill("张三；李四")
    shoot(page, "1_new")
    page.get_by_role("button", name="保存草稿").click()
    disclosure = Disclosure.objects.get(center=center)
    assert disclosure.number.startswith("JF-") and disclosure.number.endswith("-001")
    assert "草稿" in page.locator("#disclosure-status").inner_text()
    page.get_by_role("button", name="提交评估").click()
    assert "待评估" in page.locator("#disclosure-status").inner_text()
    shoot(page, "2_submitted")

    # The unit administrator assesses it: a score of 150 first.
    login(world.user("unit_admin"))
    page.goto(f"{base}{disclosure.pk}/")
    page.locator("#assess-link").click()
    page.locator("#id_technical").fill("150")
    page.locator("#id_market").fill("70")
    page.locator("#id_drafting").fill("60")
    page.locator("#id_layout").fill("90")
    page.locator("#id_conclusion").select_option("file")
    page.locator("#id_reasons").fill("技术方案新颖，市场前景良好，符合中心专利布局。")
    page.get_by_role("button", name="保存评估").click()
    refusal = page.get_by_role("alert").filter(has_text="技术高度").first.inner_text()
    assert "技术高度须在 0 至 100 之间" in refusal, refusal
    assert page.locator("#id_technical").input_value() == "150"
    assert page.locator("#id_reasons").input_value() == "技术方案新颖，市场前景良好，符合中心专利布局。"
    assert not PreFilingAssessment.objects.exists()
    shoot(page, "3_bad_score_refused")

    page.locator("#id_technical").fill("80")
    page.get_by_role("button", name="保存评估").click()
    assert "评估已保存" in page.locator(".alert-success").first.inner_text()
    assert "已评估" in page.locator("#disclosure-status").inner_text()
    assert "75.00" in page.locator("#assessments").inner_text()
    shoot(page, "4_assessed")

    # The application arrives in the portfolio; the disclosure is linked to it.
    filed = patent(center, title="一种稀土永磁材料的晶界扩散方法", filing_date=clock.today())
    page.reload()
    page.locator("#id_patent").select_option(str(filed.pk))
    page.get_by_role("button", name="关联已申请的专利").click()
    assert "已申请" in page.locator("#disclosure-status").inner_text()
    assert filed.display_number in page.locator("#filed-as").inner_text()
    shoot(page, "5_filed")
    page.locator("#filed-as a").click()
    panel = page.locator("#prefiling-panel").inner_text()
    assert disclosure.number in panel and "申请前已评估" in panel
    shoot(page, "6_patent_panel")

    # The prefecture office sees the filed disclosure, nothing else, and cannot act.
    login(world.user("prefecture_officer"))
    page.goto(base)
    expect(page.locator("#confidential-note")).to_be_visible()
    assert disclosure.number in page.locator("#disclosures").inner_text()
    expect(page.get_by_role("link", name="新建交底书")).to_have_count(0)
    shoot(page, "7_officer_list")
