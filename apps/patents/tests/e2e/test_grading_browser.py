"""Grading in a real browser (issue 16, "done when": patents are graded, one override with a reason): the lead unit
opens the grading list, selects three patents and confirms their suggestions; opens a fourth, grades it A against
the suggestion without a reason — the Chinese refusal stands above the form and what was chosen is still chosen —
then with a reason; the list shows the counts and the high-value flag; the patent's page shows the history.
Screenshots: /tmp/patents_grading_*.png (look at them)."""

import os
from datetime import date

import pytest
from playwright.sync_api import expect

from apps.centers.models import Center
from apps.patents.models import FamilyMember, Patent, PatentGrade, StrategicIPC

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("GRADING_SHOTS", "/tmp")


def shoot(page, name):
    page.screenshot(path=f"{SHOTS}/patents_grading_{name}.png", full_page=True)


@pytest.fixture
def setup(transactional_db):
    from apps.centers.tests.factories import center_for
    from apps.patents.tests import factories
    from apps.reference.services import ensure_reference_data
    from tests.world import build_world

    ensure_reference_data()  # transactional tests flush the data-migration rows
    world = build_world()
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    StrategicIPC.objects.create(ipc_prefix="H01F 1", industry="新材料（稀土永磁材料）")
    patents = []
    for i, title in enumerate(("稀土永磁材料的制备方法", "稀土抛光粉回收方法", "稀土镁合金熔炼装置", "稀土催化剂")):
        patents.append(
            factories.patent(
                center,
                title=f"一种{title}",
                filing_date=date(2016, 5, 4 + i),
                grant_date=date(2019, 1, 1),
                legal_status=Patent.LegalStatus.GRANTED,
                legal_status_on=date(2019, 1, 1),
                claims_count=8 + i,
                cited_by_count=i,
                ipc_main="H01F 1/057" if i == 0 else "C22C 1/02",
                ipc_codes=["H01F 1/057"] if i == 0 else ["C22C 1/02"],
            )
        )
    FamilyMember.objects.create(patent=patents[0], number="US20190123456A1", country="US", overseas=True)
    return world, center, patents


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
        page.wait_for_load_state("networkidle")
        if "/accounts/verify/" in page.url:  # a user with an authenticator is asked for the code
            page.get_by_label("验证码").fill(f"{TOTP(device.bin_key).token():06d}")
            page.get_by_role("button", name="验证").click()
        try:
            page.wait_for_url("**/workbench/", timeout=60000)
        except Exception:
            shoot(page, "debug_login")
            raise

    return log_in


def test_grade_several_then_override_one_with_a_reason(setup, login, page, live_server):
    world, center, patents = setup
    page.set_default_timeout(60000)
    login(world.user("unit_admin"))
    page.goto(f"{live_server.url}/centers/{center.pk}/patents/grading/")
    main = page.locator("main")
    assert "海外同族" in main.inner_text() and "战略性新兴产业" in main.inner_text()
    assert main.locator('[data-count="none"]').inner_text() == "4"
    shoot(page, "01_list")

    # Three at once: their suggestions.
    for patent in patents[:3]:
        page.locator(f"#pick-{patent.pk}").check()
    page.get_by_role("button", name="确认所选专利的建议等级").click()
    assert "已按建议等级确认3件专利" in page.locator(".alert-success").first.inner_text()
    assert main.locator('[data-count="none"]').inner_text() == "1"
    assert PatentGrade.objects.count() == 3
    shoot(page, "02_three_confirmed")

    # The fourth: A against the suggestion, no reason → refused in Chinese, the choice kept.
    last = patents[3]
    page.locator(f'tr[data-patent="{last.pk}"]').get_by_role("link", name="定级").click()
    suggested = page.locator("[data-suggested]").first.get_attribute("data-suggested")
    assert suggested in ("B", "C")
    page.get_by_label("A 核心").check()
    page.locator("#id_handling").select_option("file_abroad")
    page.get_by_role("button", name="保存定级").click()
    refusal = page.locator(".alert-danger").first.inner_text()
    assert "须填写调整理由" in refusal, refusal
    expect(page.get_by_label("A 核心")).to_be_checked()
    assert page.locator("#id_handling").input_value() == "file_abroad"
    assert PatentGrade.objects.count() == 3
    shoot(page, "03_override_without_reason_refused")

    page.get_by_label("调整建议等级的理由").fill("该专利为新一代催化材料的基础专利，拟在欧美布局。")
    page.get_by_role("button", name="保存定级").click()
    assert "已定为A级" in page.locator(".alert-success").first.inner_text()
    assert main.locator('[data-count="A"]').inner_text() == "1"
    assert main.locator('[data-count="none"]').inner_text() == "0"
    row = PatentGrade.objects.get(patent=last)
    assert (row.grade, row.suggested != "A", row.handling) == ("A", True, "file_abroad")
    shoot(page, "04_graded")

    # The patent's page: the panel with the history and the reason.
    page.goto(f"{live_server.url}/centers/{center.pk}/patents/{last.pk}/")
    panel = page.locator("#panel-grading").locator("xpath=ancestor::section[1]")
    assert "拟在欧美布局" in panel.inner_text()
    shoot(page, "05_patent_panel")
