"""Supervision in a real browser on the demo data (issue 15, "done when": an inspection is recorded; a term-end
reminder arrives in the inbox): the region schedules an inspection of the 包头稀土 center for today with the 包头
office's officer; the officer records a finding that requires rectification — first with a due date seven months
away (refused with the reason, nothing changes), then within six months: the rectification is open and the center
rectifying; the lead unit sees it on the supervision tab. Then the clock is frozen 90 days before the term ends, the
reminder job runs twice, and the unit's inbox shows the term-end reminder once. Screenshots under
/tmp/shots/supervision/ (look at them)."""

import datetime
import os
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from apps.centers.models import Center, ContractVersion, Finding, Rectification
from apps.core import clock as business_clock
from apps.notifications.models import Message

from .test_contract_browser import as_user  # noqa: F401 (the fixture)

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SHOTS = Path(os.environ.get("CENTER_SHOTS", "/tmp/shots")) / "supervision"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def demo(transactional_db):
    from apps.applications import demo as applications_demo
    from apps.calls import demo as calls_demo
    from apps.centers import demo as centers_demo
    from apps.demo import accounts
    from apps.reference.services import ensure_reference_data

    ensure_reference_data()
    users = accounts.load()
    calls_demo.load(users)
    applications_demo.load(users)
    centers = centers_demo.load(users)
    return users, Center.objects.get(pk=centers["rare_earth"].pk)


def test_an_inspection_with_a_finding_and_the_term_end_reminder(demo, as_user, live_server, clock):  # noqa: F811
    users, center = demo
    officer = users["prefecture_officer"]
    assert officer.prefecture_id == center.prefecture_id
    today = business_clock.today()

    # The region schedules an inspection for today, with the 包头 office's officer.
    region = as_user(users["regional_officer"])
    region.goto(f"{live_server.url}/centers/{center.pk}/supervision/")
    region.get_by_role("link", name="安排检查").click()
    region.get_by_label("检查日期").fill(today.isoformat())
    region.get_by_label("检查内容").fill("建设任务进展、工作经费使用情况")
    region.get_by_label("检查组").fill("自治区知识产权局 张三、李四")
    region.get_by_label(officer.display_name).check()
    region.get_by_role("button", name="安排", exact=True).click()
    assert "检查已安排" in region.locator(".alert-success").first.inner_text()
    shoot(region, "01-inspection-scheduled")
    inspection_url = region.url

    # The officer records a finding that requires rectification: seven months is refused, nothing changes.
    office = as_user(officer)
    office.goto(inspection_url)
    office.locator("#id_finding-text").fill("部分支出凭证不全，配套资金未按计划到位。")
    office.locator("#id_finding-requires_rectification").check()
    office.locator("#id_finding-requirements").fill("补齐2025年度支出凭证，落实配套资金并报送证明材料。")
    office.locator("#id_finding-due_on").fill((today + relativedelta(months=7)).isoformat())
    office.get_by_role("button", name="记录", exact=True).click()
    form = office.locator("#finding-form").inner_text()
    assert "整改时限不超过 6 个月" in form and (today + relativedelta(months=6)).isoformat() in form
    assert office.locator("#id_finding-text").input_value().startswith("部分支出凭证不全")
    assert not Finding.objects.filter(inspection__center=center).exists()
    assert Center.objects.get(pk=center.pk).status == Center.Status.UNDER_CONSTRUCTION
    shoot(office, "02-due-in-seven-months-refused")

    office.locator("#id_finding-due_on").fill((today + relativedelta(months=3)).isoformat())
    office.get_by_role("button", name="记录", exact=True).click()
    assert "已向牵头单位提出限期整改" in office.locator(".alert-success").first.inner_text()
    assert "部分支出凭证不全" in office.locator("#findings").inner_text()
    assert Rectification.objects.get(center=center).status == Rectification.Status.OPEN
    assert Center.objects.get(pk=center.pk).status == Center.Status.RECTIFYING
    shoot(office, "03-finding-recorded")

    # The lead unit sees the rectification on its supervision tab.
    unit = as_user(users["unit_admin"])
    unit.goto(f"{live_server.url}/centers/{center.pk}/supervision/")
    assert "补齐2025年度支出凭证" in unit.locator("#rectifications").inner_text()
    shoot(unit, "04-unit-sees-the-rectification")

    # 90 days before the term ends the reminder job runs (twice): the reminder is in the inbox, once.
    ends_on = ContractVersion.objects.get(contract__center=center, status="in_force").term_ends_on
    clock.set(ends_on - datetime.timedelta(days=90))
    from apps.centers import tasks

    tasks.send_reminders.call()
    tasks.send_reminders.call()
    assert Message.objects.filter(recipient=users["unit_admin"], title__contains=ends_on.isoformat()).count() == 1
    unit.goto(f"{live_server.url}/inbox/?show=messages")  # the tab of messages (the default tab is 待办)
    inbox = unit.locator("main").inner_text()
    assert inbox.count(f"建设期将于 {ends_on.isoformat()} 届满") == 1, inbox
    shoot(unit, "05-term-end-reminder-in-the-inbox")
