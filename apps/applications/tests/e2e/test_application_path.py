"""The path of issue 4 in a real browser on the demo data: a unit adds a partner and is told why it cannot
submit; the 包头 office recommends; the region passes the formal check; an expert scores (a conflicted expert is
excluded); the panel closes with a ranking; the selection's public notice runs; the application is approved."""

import datetime

import pytest
from django.utils import timezone

from apps.applications.models import Application, Review
from apps.applications.tests.factories import review_stage, score_all
from apps.portal.models import PublicNotice

pytestmark = pytest.mark.e2e


def _application(users, key):
    return Application.objects.get(lead_unit=users["organizations"][key])


def test_the_whole_path_in_the_browser(demo_users, demo_login, page, live_server, shoot):
    users = demo_users
    base = live_server.url

    # A unit adds a partner; its integrity record is explained and blocks submission.
    draft = _application(users, "dishonest")
    demo_login(users["dishonest_admin"])
    page.goto(f"{base}/applications/{draft.pk}/edit/")
    page.get_by_label("合作单位统一社会信用代码").fill(users["organizations"]["hydrogen"].credit_code)
    page.get_by_label("承担工作").fill("提供电解槽测试平台。")
    page.get_by_role("button", name="添加", exact=True).click()
    assert "已添加合作单位" in page.locator(".alert-success").first.inner_text()
    page.get_by_role("button", name="保存并提交").click()
    # The refusal is short (the submission's condition: how many checks fail); the checklist says which.
    assert "未通过检查，见下方清单" in page.locator(".alert-danger").first.inner_text()
    assert "失信" in page.locator("main").inner_text()
    shoot("01-eligibility-failure")

    # The 包头 office recommends.
    application = _application(users, "rare_earth")
    demo_login(users["prefecture_officer"])
    page.goto(f"{base}/applications/{application.pk}/")
    page.get_by_label("推荐意见").fill("材料齐全，同意推荐。")
    page.get_by_role("button", name="推荐至自治区局").click()
    assert "已推荐" in page.locator("h1").inner_text()
    shoot("02-recommended")

    # The region passes the formal check; the scoring panel assigns it, excluding the conflicted expert.
    demo_login(users["regional_officer"])
    page.goto(f"{base}/applications/{application.pk}/")
    page.get_by_role("button", name="形式审查通过").click()
    assert "专家评审中" in page.locator("h1").inner_text()
    excluded = Review.objects.get(application=application, expert=users["expert2"])
    assert excluded.status == Review.Status.EXCLUDED

    # An expert scores in the browser; the others score through the service.
    demo_login(users["expert4"])
    review = Review.objects.get(application=application, expert=users["expert4"])
    page.goto(f"{base}/applications/reviews/{review.pk}/")
    for field in page.locator("input[name^='score_']").all():
        field.fill("86")
    page.get_by_label("总体评审意见").fill("研发基础扎实，方案可行。")
    page.get_by_role("button", name="提交评分").click()
    assert "评分已保存" in page.locator(".alert-success").first.inner_text()
    shoot("03-expert-scored")
    score_all(application.topic.panel)

    # The region closes the panel (ranking), selects, and after the notice approves. Closing waits for the call's
    # review stage: disabled with the reason while it still takes applications; then its deadline passes.
    demo_login(users["regional_officer"])
    page.goto(f"{base}/applications/panels/{application.topic.panel.pk}/")
    assert "已回避" in page.content() and "榜单尚未进入评审阶段" in page.content()
    review_stage(application.topic.panel)
    page.reload()
    page.get_by_role("button", name="结束评审并排名").click()
    assert "排名已生成" in page.locator(".alert-success").first.inner_text()
    page.goto(f"{base}/applications/calls/{application.call_id}/decision/")
    page.locator(f"#sel-{application.pk}").check()
    page.get_by_label("异议受理联系方式").fill("0471-6900000")
    page.get_by_role("button", name="确定拟立项并发布公示").click()
    assert "公示" in page.locator(".alert-success").first.inner_text()
    shoot("04-selected")
    application.refresh_from_db()
    assert application.status == Application.Status.SELECTED
    page.goto(f"{base}/notices/{application.selection.notice_id}/")
    assert application.project_name in page.content()
    today = timezone.localdate()  # five working days later …
    PublicNotice.objects.filter(pk=application.selection.notice_id).update(
        starts_on=today - datetime.timedelta(days=10), ends_on=today - datetime.timedelta(days=1)
    )
    page.goto(f"{base}/applications/calls/{application.call_id}/decision/")
    page.locator(f"button[form='approve-{application.pk}']").click()
    assert "已批准立项" in page.locator(".alert-success").first.inner_text()
    shoot("05-approved")
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED and application.term_ends_on

    # The applicant sees the decision on the timeline, and no expert name or score.
    demo_login(users["unit_admin"])
    page.goto(f"{base}/applications/{application.pk}/")
    html = page.content()
    assert "已立项" in html
    assert users["expert4"].full_name not in html and "86.00" not in html
    shoot("06-applicant-timeline")
