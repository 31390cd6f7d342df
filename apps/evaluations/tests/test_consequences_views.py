"""The consequences' pages (region only; the result and what will happen shown; refusals on the page with what was
typed), and the worker's reminders on evaluation rectifications (frozen clock, sent once)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from apps.centers.models import Rectification
from apps.core import clock as biz
from apps.evaluations import reminders
from apps.evaluations.models import Delisting, Evaluation
from apps.notifications.models import Message

from . import builders
from .consequences_setup import rectifying, reevaluated

pytestmark = pytest.mark.django_db
E = Evaluation.Status


def _text(response) -> str:
    return response.content.decode()


def test_the_support_page_shows_the_result_and_refuses_a_bad_amount_keeping_the_input(world, client_for):
    evaluation = builders.evaluation(world, status=E.CONFIRMED, grade="qualified", round_status="announced")
    client = client_for("regional_officer")
    url = reverse("evaluations:support", args=[evaluation.pk])
    page = _text(client.get(url))
    assert "合格" in page and "将会发生什么" in page and "合同分期之外" in page
    response = client.post(url, {"amount": "12,34", "document_number": "内市监知字〔2027〕8号"})
    assert response.status_code == 200
    assert "内市监知字〔2027〕8号" in _text(response) and "12,34" in _text(response)
    evaluation.refresh_from_db()
    assert evaluation.status == E.CONFIRMED
    response = client.post(url, {"amount": "80000", "document_number": "内市监知字〔2027〕8号"})
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == E.SUPPORTED


def test_a_seven_month_deadline_is_refused_on_the_page(world, client_for, clock):
    clock.set(date(2027, 3, 1))
    evaluation = builders.evaluation(world, status=E.CONFIRMED, grade="unqualified", round_status="announced")
    client = client_for("regional_officer")
    url = reverse("evaluations:rectify", args=[evaluation.pk])
    assert "2027-09-01" in _text(client.get(url))
    response = client.post(url, {"requirements": "补齐专利导航报告。", "due_on": "2027-10-01"})
    assert response.status_code == 200
    page = _text(response)
    assert "整改时限不超过 6 个月" in page and "补齐专利导航报告。" in page
    assert not Rectification.objects.exists()


def test_the_delisting_page_is_prefilled_and_warns(world, client_for):
    again = reevaluated(world, grade="unqualified")
    client = client_for("regional_officer")
    url = reverse("evaluations:delist", args=[again.pk])
    page = _text(client.get(url + "?reason=整改后仍不合格"))
    assert "此操作不可撤销" in page and "关于对" in page and "整改后仍不合格" in page
    response = client.post(
        url,
        {
            "reason": "",
            "clawback_amount": "0",
            "announcement_title": "关于摘牌的公告",
            "announcement_body": "正文",
        },
    )
    assert response.status_code == 200 and "请说明摘牌的理由。" in _text(response)
    assert not Delisting.objects.exists()


def test_the_re_evaluation_is_started_from_its_page(world, client_for):
    first = rectifying(world, reported=True)
    client = client_for("regional_officer")
    url = reverse("evaluations:reevaluate", args=[first.pk])
    assert "启动重新评价" in _text(client.get(url))
    response = client.post(url)
    again = Evaluation.objects.get(reevaluation_of=first)
    assert response.status_code == 302 and response.url == again.get_absolute_url()


def _messages(user, text: str) -> int:
    return Message.objects.filter(recipient=user, title__contains=text).count()


def test_reminders_before_the_due_date_each_sent_once(world, clock):
    first = rectifying(world)
    due_on = first.rectification.due_on
    unit_admin = world.user("unit_admin")
    for days, expected in ((31, 0), (30, 1), (29, 1), (7, 2), (1, 3)):
        clock.set(due_on - timedelta(days=days))
        reminders.send()
        reminders.send()  # twice: once
        assert _messages(unit_admin, "整改期限为") == expected, days


def test_on_expiry_the_region_is_asked_to_decide_once(world, clock):
    first = rectifying(world)
    due_on = first.rectification.due_on
    region = world.user("regional_officer")
    clock.set(due_on)
    assert not [k for k in reminders.send() if "expired" in k]
    clock.set(due_on + timedelta(days=1))
    sent = reminders.send()
    assert [k for k in sent if k.startswith("evaluation_rectification_expired:")]
    clock.set(due_on + timedelta(days=2))
    reminders.send()
    tasks = Message.objects.filter(recipient=region, is_task=True, title__contains="请决定组织重新评价")
    assert tasks.count() == 1 and tasks.get().url == first.get_absolute_url()


def test_no_reminder_once_reported_or_re_evaluated(world, clock):
    first = rectifying(world, reported=True)
    clock.set(first.rectification.due_on - timedelta(days=7))
    assert reminders.send() == []
    assert biz.today() == first.rectification.due_on - timedelta(days=7)
