"""The assigned tasks' demo (Art. 6(3)), through the services, with the business clock on past days: a task the
region issued 30 days ago to three prefecture offices with a deadline 5 days ago — 包头 submitted, was returned with
reasons, resubmitted and accepted; 呼和浩特 submitted and awaits the region (a task in the regional officer's inbox);
赤峰 acknowledged, reported progress and never submitted: the daily job flags it overdue (the office and the region
are told). Loaded once: a second load finds the task by its title and changes nothing."""

import datetime
from contextlib import contextmanager

from django.utils import timezone

from apps.bureau import services_tasks
from apps.bureau.models import AssignedTask, TaskAssignment

TITLE = "报送2026年度高价值专利培育中心建设进展摸底材料"
REQUIREMENTS = (
    "请各盟市局对辖区内培育中心的建设进展开展一次摸底：专利导航、专利布局、运营转化等重点任务的完成情况，"
    "资金到位和使用情况，存在的问题和下一步打算。形成书面报告并附佐证材料，按期报送自治区局。"
)
OFFICES = ("prefecture_officer", "prefecture_officer_150100", "prefecture_officer_150400")  # 包头, 呼和浩特, 赤峰
A = TaskAssignment.Status


@contextmanager
def _on(day: datetime.date):
    """The business clock on `day` at 10:00 for one step, put back afterwards (as apps/reports/demo.py does)."""
    from apps.core import clock

    before = clock._frozen
    clock.freeze(timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))))
    try:
        yield
    finally:
        if before is not None:
            clock.freeze(before)
        else:
            clock.unfreeze()


def load(users) -> dict:
    from apps.core import clock

    found = AssignedTask.objects.filter(title=TITLE).first()
    if found is not None:
        return {"task": found}
    today = clock.today()
    region = users["regional_officer"]
    offices = [users[key] for key in OFFICES]
    day = lambda n: today - datetime.timedelta(days=n)  # noqa: E731
    with _on(day(30)):
        task = services_tasks.task_create(region, title=TITLE, requirements=REQUIREMENTS, deadline=day(5))
        task = services_tasks.task_issue(region, task, prefectures=[user.prefecture_id for user in offices])
    parts = {user.prefecture_id: task.assignments.get(prefecture_id=user.prefecture_id) for user in offices}
    baotou, hohhot, chifeng = offices
    with _on(day(28)):
        for user in offices:
            parts[user.prefecture_id] = services_tasks.assignment_acknowledge(user, parts[user.prefecture_id])
        services_tasks.assignment_report(
            chifeng, parts[chifeng.prefecture_id], text="已通知辖区内两家培育中心准备材料。"
        )
    with _on(day(15)):
        services_tasks.assignment_report(baotou, parts[baotou.prefecture_id], text="已完成两家培育中心的实地调研。")
        part = services_tasks.assignment_submit(
            baotou, parts[baotou.prefecture_id], result="包头市两家培育中心建设进展正常，专利导航已完成，详见报告。"
        )
    with _on(day(12)):
        part = services_tasks.assignment_return(region, part, reason="缺少资金使用情况，请补充后重新报送。")
    with _on(day(8)):
        part = services_tasks.assignment_submit(
            baotou, part, result="包头市两家培育中心建设进展正常，专利导航已完成；已补充资金到位和使用情况。"
        )
    with _on(day(6)):
        services_tasks.assignment_accept(region, part)
        services_tasks.assignment_submit(
            hohhot, parts[hohhot.prefecture_id], result="呼和浩特市培育中心建设进展报告已形成，附调研记录。"
        )
    services_tasks.remind_and_flag(today)  # 赤峰's part: past the deadline, flagged once
    return {"task": task}
