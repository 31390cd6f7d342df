"""In a real browser at phone size: a member of the public submits a demand, keeps the receipt number and
follows the status; once the round is closed the form clearly refuses. Screenshots go to var/screenshots."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True, scope="module")
def _allow_database_calls_beside_playwright():
    """Playwright's sync API runs an event loop that stays up for the rest of the session, so Django's async
    safety check must stay off from here on in this worker (as tests/e2e/conftest.py does)."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def answer_human_check(page):
    text = page.locator("#id_human_check_helptext").inner_text()
    a, b = map(int, re.search(r"(\d+)\s*\+\s*(\d+)", text).groups())
    page.locator("#id_human_check").fill(str(a + b))


@pytest.mark.django_db(transaction=True)
def test_public_submits_and_follows_a_demand_on_a_phone(page, live_server):
    from apps.calls.tests.factories import published_call
    from apps.demands.models import CollectionRound, Demand
    from apps.demands.tests.factories import CollectionRoundFactory
    from apps.reference.services import ensure_reference_data

    ensure_reference_data()  # transactional tests flush the data-migration rows
    collection_round = CollectionRoundFactory()
    call = published_call(title="2026年度内蒙古高价值专利培育中心揭榜挂帅榜单")
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/")
    assert call.title in page.content()
    shoot(page, "phone-landing")

    page.goto(f"{live_server.url}/demands/submit/")
    page.locator("#id_contact_name").fill("赵六")
    page.locator("#id_organization_name").fill("锡林郭勒某牧业合作社")
    page.locator("#id_phone").fill("13800000009")
    page.locator("#id_title").fill("奶酪发酵菌种国产化")
    page.locator("#id_industry").select_option(label="乳业与食品加工")
    page.locator("#id_technical_field").fill("乳品发酵菌种")
    page.locator("#id_problem").fill("奶酪发酵剂依赖进口")
    page.locator("#id_expected_outcome").fill("自主菌种与工艺专利组合")
    page.locator("#id_regional_significance").fill("牧区乳制品提质增收")
    answer_human_check(page)
    shoot(page, "phone-demand-form")
    page.get_by_role("button", name="提交需求").click()
    page.wait_for_url("**/demands/submit/receipt/")
    receipt = Demand.objects.get().receipt_number
    assert receipt in page.content()
    shoot(page, "phone-demand-receipt")

    page.get_by_role("button", name="查询进度").click()
    page.wait_for_url("**/demands/follow/")
    assert "已收到，等待初筛" in page.content()
    assert receipt not in page.url  # the receipt is posted, never put in the address
    shoot(page, "phone-demand-status")

    from apps.accounts.tests.factories import UserFactory
    from apps.core.roles import Role
    from apps.demands.services import round_close

    round_close(UserFactory(role=Role.REGIONAL_OFFICER, organization=None), collection_round)
    assert not CollectionRound.objects.get(pk=collection_round.pk).is_accepting()
    page.goto(f"{live_server.url}/demands/submit/")
    expect(page.get_by_role("alert").filter(has_text="提交未被受理")).to_be_visible()
    shoot(page, "phone-demand-refused")

    page.goto(f"{live_server.url}{call.get_absolute_url()}")
    assert call.topics.get().title in page.content()
    shoot(page, "phone-call")
