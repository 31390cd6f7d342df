"""An assigned task in a real browser (Art. 6(3)): the region creates a task and issues it to three prefecture offices
(first refused with no office chosen: the Chinese message); one office acknowledges and submits, the region returns
it with reasons, the office resubmits and the region accepts; with the clock moved past the deadline the daily job
flags another office overdue and the board shows it in red. Screenshots: /tmp/tasks_*.png."""

import os
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from apps.bureau import services_tasks
from apps.bureau.models import AssignedTask, TaskAssignment
from apps.reference.models import Prefecture

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("TASKS_SHOTS", "/tmp")


def test_a_task_issued_returned_resubmitted_accepted_and_one_office_overdue(world, login, page, live_server, clock):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    third = Prefecture.objects.get(code="150400")
    deadline = clock.today() + timedelta(days=10)

    # the region writes the task
    login(world.user("regional_officer"))
    page.goto(f"{live_server.url}/bureau/tasks/")
    page.click("#task-new")
    page.fill("#id_title", "报送培育中心建设进展摸底材料")
    page.fill("#id_requirements", "请各盟市局摸清辖区内培育中心建设进度，形成书面报告并附佐证材料。")
    page.fill("#id_deadline", deadline.isoformat())
    page.click("#task-save")
    expect(page.locator(".alert-success")).to_contain_text("草稿")
    page.screenshot(path=f"{SHOTS}/tasks_1_draft.png", full_page=True)

    # issuing with no office: refused in Chinese
    page.click("#issue-form button[type=submit]")
    expect(page.locator("#issue-form .alert-danger")).to_contain_text("请至少选择一个盟市局")
    page.screenshot(path=f"{SHOTS}/tasks_2_no_office.png", full_page=True)
    assert not TaskAssignment.objects.exists()

    for prefecture in (world.prefecture, world.prefecture_other, third):
        page.check(f'#issue-form input[name=prefectures][value="{prefecture.pk}"]')
    page.click("#issue-form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已下发")
    expect(page.locator("#parts li")).to_have_count(3)
    task = AssignedTask.objects.get()
    mine = task.assignments.get(prefecture=world.prefecture)

    # prefecture A acknowledges, reports, submits
    login(world.user("prefecture_officer"))
    page.goto(f"{live_server.url}/bureau/tasks/")
    expect(page.locator("#parts tbody tr")).to_have_count(1)
    page.click("text=报送培育中心建设进展摸底材料")
    page.click("#acknowledge-form button")
    expect(page.locator(".alert-success")).to_contain_text("已签收")
    page.fill("#id_text", "已完成两家培育中心的实地调研。")
    page.click("#progress-send")
    expect(page.locator("#progress")).to_contain_text("已完成两家培育中心的实地调研")
    page.click("#result-form button[type=submit]")  # an empty result: refused, nothing changed
    expect(page.locator("#result-form .alert-danger")).to_contain_text("请填写完成成果")
    page.fill("#id_result", "两家培育中心建设进展正常，详见报告。")
    page.click("#result-form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已报送自治区局")
    page.screenshot(path=f"{SHOTS}/tasks_3_submitted.png", full_page=True)

    # the region returns it with reasons
    login(world.user("regional_officer"))
    page.goto(f"{live_server.url}/bureau/tasks/parts/{mine.pk}/")
    expect(page.locator("#result-text")).to_contain_text("两家培育中心建设进展正常")
    page.fill("#id_reason", "缺少资金使用情况，请补充后重新报送。")
    page.click("#return-form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已退回")
    page.screenshot(path=f"{SHOTS}/tasks_4_returned.png", full_page=True)

    # the office resubmits
    login(world.user("prefecture_officer"))
    page.goto(f"{live_server.url}/bureau/tasks/parts/{mine.pk}/")
    expect(page.locator("#return-reason")).to_contain_text("缺少资金使用情况")
    page.fill("#id_result", "两家培育中心建设进展正常；已补充资金到位和使用情况。")
    page.click("#result-form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已报送自治区局")

    # the region accepts
    login(world.user("regional_officer"))
    page.goto(f"{live_server.url}/bureau/tasks/parts/{mine.pk}/")
    page.click("#accept-form button")
    expect(page.locator(".alert-success")).to_contain_text("验收通过")
    assert TaskAssignment.objects.get(pk=mine.pk).submissions == 2

    # past the deadline: the daily job flags the offices still open, the board shows them in red
    clock.advance(days=11)
    flagged = services_tasks.remind_and_flag()["flagged"]
    assert len(flagged) == 2
    page.goto(f"{live_server.url}/bureau/tasks/")
    row = page.locator(f'#tasks tr[data-task="{task.pk}"]')
    expect(row.locator("[data-overdue]")).to_have_count(2)
    expect(row.locator(f'[data-part="{mine.pk}"] [data-overdue]')).to_have_count(0)
    page.screenshot(path=f"{SHOTS}/tasks_5_board_overdue.png", full_page=True)
    other = task.assignments.get(prefecture=world.prefecture_other)
    login(world.user("prefecture_officer_other"))
    page.goto(f"{live_server.url}/bureau/tasks/parts/{other.pk}/")
    expect(page.locator("#overdue")).to_contain_text("已逾期")
    page.screenshot(path=f"{SHOTS}/tasks_6_office_overdue.png", full_page=True)
    assert not errors, errors
