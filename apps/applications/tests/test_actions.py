"""The actions of an application as users meet them (issue 12): a button is offered only when its transition is
possible now, shown disabled with the reason (and the date) where the user expects it, and a replayed form or a
disallowed action is told the current state — never "someone else just changed this record"."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.applications import services, services_decision, services_review
from apps.applications.models import Application, ApplicationEvent
from apps.applications.tests import factories as f
from apps.core.errors import InvalidTransition
from apps.organizations.tests.factories import IntegrityRecordFactory

pytestmark = pytest.mark.django_db
S = Application.Status
CONCURRENT = "刚刚已被他人修改"


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def _selected(world) -> Application:
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [application])
    f.score_all(panel)
    f.review_stage(panel)
    services_review.panel_close(world.user("regional_officer"), panel)
    application.refresh_from_db()
    services_decision.selection_create(world.user("regional_officer"), application.call, [application])
    application.refresh_from_db()
    return application


def test_a_replayed_recommendation_is_told_the_state_not_a_concurrent_change(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    client = client_for("prefecture_officer")
    url = reverse("applications:recommend", args=[application.pk])
    assert client.post(url, {"opinion": "同意推荐"}).status_code == 302
    replay = client.post(url, {"opinion": "同意推荐"})
    assert replay.status_code == 200  # the page again, as it is now
    text = _messages(replay)
    assert "当前状态为“已推荐，待形式审查”，不能审核推荐。" in text and CONCURRENT not in text
    assert ApplicationEvent.objects.filter(application=application, action="recommend").count() == 1


def test_an_action_the_state_does_not_allow_is_named_with_the_state(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.RECOMMENDED)
    response = client_for("regional_officer").post(reverse("applications:approve", args=[application.pk]))
    text = _messages(response)
    assert "当前状态为“已推荐，待形式审查”，不能批准立项。" in text and CONCURRENT not in text
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED
    with pytest.raises(InvalidTransition):  # the services say the same (a stale page, a replayed form)
        services.application_withdraw(world.user("unit_admin"), _selected(world), reason="放弃")


def test_approval_during_the_notice_is_shown_disabled_with_the_reason_and_the_date(world, client_for):
    application = _selected(world)
    notice = application.selection.notice
    reason = (
        f"公示期至 {notice.ends_on.isoformat()} 结束，"
        f"{(notice.ends_on + datetime.timedelta(days=1)).isoformat()} 起可审批。"
    )
    client = client_for("regional_officer")
    page = client.get(reverse("applications:detail", args=[application.pk]))
    html = page.content.decode()
    assert "approve" not in page.context["transitions"] and "not_approve" not in page.context["transitions"]
    assert reverse("applications:approve", args=[application.pk]) not in html  # no form to post
    assert 'disabled aria-describedby="unavailable-1">批准立项</button>' in html and reason in html
    [group] = page.context["unavailable"]
    assert group["available_on"] == notice.ends_on + datetime.timedelta(days=1)
    decision = client.get(reverse("applications:decision", args=[application.call_id])).content.decode()
    assert reverse("applications:approve", args=[application.pk]) not in decision and reason in decision
    # posted anyway (a page kept open from before): refused with the same reason, nothing changed
    response = client.post(reverse("applications:approve", args=[application.pk]))
    assert reason in _messages(response)
    application.refresh_from_db()
    assert application.status == S.SELECTED


def test_the_unit_sees_no_action_it_cannot_take(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    page = client_for("unit_admin").get(reverse("applications:detail", args=[application.pk]))
    assert set(page.context["transitions"]) == {"withdraw"} and not page.context["unavailable"]
    page = client_for("unit_member").get(reverse("applications:detail", args=[application.pk]))
    assert not page.context["transitions"] and not page.context["unavailable"]


def test_a_refused_recommendation_keeps_the_opinion_typed(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    IntegrityRecordFactory(organization=world.org, source="信用中国", until=None)
    response = client_for("prefecture_officer").post(
        reverse("applications:recommend", args=[application.pk]), {"opinion": "材料齐全，拟同意推荐"}
    )
    assert response.status_code == 200
    assert response.context["recommend_form"]["opinion"].value() == "材料齐全，拟同意推荐"
    assert "材料齐全，拟同意推荐" in response.content.decode() and "信用中国" in _messages(response)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_a_return_without_a_reason_is_explained_on_the_page(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    response = client_for("prefecture_officer").post(
        reverse("applications:prefecture_return", args=[application.pk]), {"reason": ""}
    )
    assert response.status_code == 200 and response.context["return_form"].errors
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


# ---------------------------------------------------------------- issue 12 tour: buttons tell the truth


def _panel_page(client, panel) -> str:
    return client.get(reverse("applications:panel", args=[panel.pk])).content.decode()


def test_closing_is_disabled_with_the_reason_while_an_assignment_is_unscored(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [application])
    f.review_stage(panel)
    page = _panel_page(client_for("regional_officer"), panel)
    assert 'disabled aria-describedby="panel-close-reason"' in page
    assert "还有 5 项评审任务未评分" in page
    f.score_all(panel)
    page = _panel_page(client_for("regional_officer"), panel)
    assert "panel-close-reason" not in page and reverse("applications:panel_close", args=[panel.pk]) in page


def test_closing_is_disabled_while_the_call_still_takes_applications(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [application])  # scoring may open early
    f.score_all(panel)
    page = _panel_page(client_for("regional_officer"), panel)
    assert 'disabled aria-describedby="panel-close-reason"' in page and "榜单尚未进入评审阶段" in page


def test_closing_is_disabled_when_a_conflict_left_too_few_valid_scores(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [application])
    f.score_all(panel)
    review = panel.reviews.first()
    services_review.review_declare_conflict(review.expert, review, reason="曾在该单位兼职")
    f.review_stage(panel)
    page = _panel_page(client_for("regional_officer"), panel)
    assert 'disabled aria-describedby="panel-close-reason"' in page and "仅有 4 份有效评分，至少需要 5 份" in page


def test_opening_is_disabled_with_the_reason_when_the_panel_is_too_small(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    region = world.user("regional_officer")
    panel = services_review.panel_create(region, application.topic)
    services_review.panel_add_member(region, panel, f.experts(1)[0])
    page = _panel_page(client_for("regional_officer"), panel)
    assert 'disabled aria-describedby="panel-open-reason"' in page and "目前只有 1 名" in page


def test_submit_is_disabled_with_a_short_reason_while_the_checklist_fails(world, client_for):
    application = f.eligible_draft(world)
    IntegrityRecordFactory(organization=world.org, until=None)
    client = client_for("unit_admin")
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert reverse("applications:submit", args=[application.pk]) not in page  # no enabled submit form
    assert "申报书尚有 1 项未通过检查，见下方清单" in page and "。；" not in page
    response = client.post(reverse("applications:submit", args=[application.pk]))  # a stale page, replayed
    assert "申报书尚有 1 项未通过检查" in _messages(response) and "。；" not in _messages(response)
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_the_decision_page_states_the_panels_trim_threshold(world, client_for):
    application = _selected(world)
    panel = application.topic.panel
    page = client_for("regional_officer").get(reverse("applications:decision", args=[application.call_id]))
    text = page.content.decode()
    assert f"满 {panel.trim_from} 份评分去掉最高分和最低分" in text and "5人及以上" not in text
