"""The demand pool in the browser: public submission and follow-up, screening, argument; bad input answers 200
with a Chinese message and changes nothing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import ExpertProfileFactory
from apps.demands.models import Argument, Demand
from apps.reference.models import Industry

from .factories import (
    ArgumentFactory,
    ClosedRoundFactory,
    CollectionRoundFactory,
    DemandFactory,
    SubmittedArgumentFactory,
    expert_user,
)

pytestmark = pytest.mark.django_db


def answer(client, scope):
    return client.session[f"human_check:{scope}"]["a"]


def public_form(client, **overrides):
    client.get(reverse("demands:submit"))
    data = {
        "contact_name": "赵六",
        "organization_name": "呼和浩特某乳业公司",
        "phone": "13800000009",
        "email": "",
        "title": "乳酸菌菌种自主选育",
        "industry": Industry.objects.get(code="dairy-food").pk,
        "technical_field": "菌种选育",
        "problem": "核心菌种依赖进口",
        "expected_outcome": "自主菌种专利组合",
        "regional_significance": "带动全区乳业",
        "human_check": answer(client, "demand_submit"),
    }
    data.update(overrides)
    return data


def test_public_submission_gives_a_receipt_to_follow():
    CollectionRoundFactory()
    client = Client()
    response = client.post(reverse("demands:submit"), public_form(client))
    assert response.status_code == 302
    demand = Demand.objects.get()
    page = client.get(response["Location"])
    assert demand.receipt_number in page.content.decode()
    follow = client.post(reverse("demands:follow"), {"receipt": demand.receipt_number.lower()})
    assert follow.status_code == 200
    assert demand.title in follow.content.decode()
    assert "已收到，等待初筛" in follow.content.decode()


def test_wrong_human_check_changes_nothing():
    CollectionRoundFactory()
    client = Client()
    response = client.post(reverse("demands:submit"), public_form(client, human_check="999"))
    assert response.status_code == 200
    assert "验证问题回答错误" in response.content.decode()
    assert not Demand.objects.exists()


def test_missing_fields_answer_200_in_chinese():
    CollectionRoundFactory()
    client = Client()
    response = client.post(reverse("demands:submit"), public_form(client, title="", phone="", email=""))
    assert response.status_code == 200
    assert "请填写电话或电子邮箱，二者至少填写一项" in response.content.decode()
    assert not Demand.objects.exists()


def test_the_public_form_says_a_phone_or_an_email_is_required():
    CollectionRoundFactory()
    page = Client().get(reverse("demands:submit")).content.decode()
    assert page.count("电话和电子邮箱至少填写一项") == 2  # under the phone and the email field


def test_public_submissions_are_rate_limited_per_ip(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public_submission": (1, 3600)}
    CollectionRoundFactory()
    client = Client()
    assert client.post(reverse("demands:submit"), public_form(client)).status_code == 302
    response = client.post(reverse("demands:submit"), public_form(client, title="第二条"))
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert Demand.objects.count() == 1


def test_submission_after_the_window_closes_is_clearly_refused():
    closed = ClosedRoundFactory()
    client = Client()
    page = client.get(reverse("demands:submit"))
    assert "提交未被受理" in page.content.decode()
    assert closed.closes_on.isoformat() in page.content.decode()
    response = client.post(reverse("demands:submit"), public_form(client))
    assert response.status_code == 200
    assert closed.closes_on.isoformat() in response.content.decode()
    assert not Demand.objects.exists()


def test_unknown_receipt_number_says_so():
    response = Client().post(reverse("demands:follow"), {"receipt": "XQ2026ZZZZZZZZ"})
    assert response.status_code == 200
    assert "没有这个回执号" in response.content.decode()


def test_the_public_status_never_shows_experts_or_scores():
    demand = DemandFactory(status=Demand.Status.UNDER_ARGUMENT)
    argument = SubmittedArgumentFactory(demand=demand, influence=97, industry_pull=97, breadth=97)
    page = Client().post(reverse("demands:follow"), {"receipt": demand.receipt_number}).content.decode()
    assert "专家论证中" in page
    assert argument.expert.display_name not in page and "97.00" not in page and ">97<" not in page


def test_the_submitting_unit_never_sees_experts_or_scores(world, client_for):
    demand = DemandFactory(organization=world.org, status=Demand.Status.UNDER_ARGUMENT)
    argument = SubmittedArgumentFactory(demand=demand, influence=97, industry_pull=97, breadth=97)
    page = client_for("unit_member").get(reverse("demands:detail", args=[demand.pk])).content.decode()
    assert demand.title in page
    assert argument.expert.display_name not in page and "97.00" not in page


def test_the_officer_sees_the_aggregate_and_each_opinion(world, client_for):
    demand = DemandFactory(status=Demand.Status.UNDER_ARGUMENT)
    argument = SubmittedArgumentFactory(demand=demand, influence=90, industry_pull=60, breadth=60)
    page = client_for("regional_officer").get(reverse("demands:detail", args=[demand.pk])).content.decode()
    assert argument.expert.display_name in page and "70.00" in page


def test_officer_screens_and_sees_similar_demands(world, client_for):
    kept = DemandFactory(title="稀土永磁材料高效回收利用技术")
    demand = DemandFactory(title="稀土永磁材料高效回收技术需求")
    client = client_for("regional_officer")
    page = client.get(reverse("demands:detail", args=[demand.pk])).content.decode()
    assert "池中的相似需求" in page and kept.title in page
    response = client.post(reverse("demands:merge", args=[demand.pk]), {"into": kept.receipt_number.lower()})
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.status == Demand.Status.MERGED and demand.merged_into == kept


def test_reject_without_reason_answers_200_and_changes_nothing(world, client_for):
    demand = DemandFactory()
    response = client_for("regional_officer").post(reverse("demands:reject", args=[demand.pk]), {"reason": ""})
    assert response.status_code == 200
    assert "这个字段是必填项" in response.content.decode() or "请" in response.content.decode()
    demand.refresh_from_db()
    assert demand.status == Demand.Status.SUBMITTED


def test_accepting_an_already_accepted_demand_answers_200_with_the_reason(world, client_for):
    from apps.audit.models import AuditEntry

    demand = DemandFactory()
    client = client_for("regional_officer")
    url = reverse("demands:accept", args=[demand.pk])
    assert client.post(url, {"note": "符合重点产业"}).status_code == 302
    demand.refresh_from_db()
    screened_at = demand.screened_at
    response = client.post(url, {"note": "重复提交"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "当前状态为“已受理”，不能受理入库。" in page and "他人修改" not in page
    demand.refresh_from_db()
    assert demand.status == Demand.Status.ACCEPTED and demand.decision_note == "符合重点产业"
    assert demand.screened_at == screened_at
    assert AuditEntry.objects.filter(action="demand.accept", object_id=str(demand.pk)).count() == 1


def test_concluding_is_shown_disabled_with_the_reason_until_three_opinions_are_in(world, client_for):
    demand = DemandFactory(status=Demand.Status.UNDER_ARGUMENT)
    SubmittedArgumentFactory(demand=demand)
    ArgumentFactory(demand=demand)
    page = client_for("regional_officer").get(reverse("demands:detail", args=[demand.pk])).content.decode()
    conclude = page.split(reverse("demands:conclude", args=[demand.pk]))[1].split("</form>")[0]
    assert "disabled" in conclude and "已收到 1 份" in conclude


def test_a_refused_merge_keeps_what_the_officer_typed(world, client_for):
    demand = DemandFactory()
    response = client_for("regional_officer").post(
        reverse("demands:merge", args=[demand.pk]), {"into": "XQ2026NOSUCH22", "reason": "与包头稀土研究院的需求重复"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "没有这个回执号对应的需求" in page and "与包头稀土研究院的需求重复" in page
    demand.refresh_from_db()
    assert demand.status == Demand.Status.SUBMITTED


def test_assigning_two_experts_is_refused_in_the_page(world, client_for):
    demand = DemandFactory(status=Demand.Status.ACCEPTED)
    chosen = [expert_user(), expert_user()]
    response = client_for("regional_officer").post(
        reverse("demands:assign", args=[demand.pk]), {"experts": [e.pk for e in chosen]}
    )
    assert response.status_code == 200
    assert "至少需要 3 位专家" in response.content.decode()
    assert not Argument.objects.exists()


def test_assigning_a_conflicted_expert_is_refused_in_the_page(world, client_for):
    demand = DemandFactory(status=Demand.Status.ACCEPTED, organization=world.org, organization_name=world.org.name)
    conflicted = ExpertProfileFactory(affiliation=world.org).user
    client = client_for("regional_officer")
    page = client.get(reverse("demands:detail", args=[demand.pk])).content.decode()
    assert "利益冲突" in page
    response = client.post(
        reverse("demands:assign", args=[demand.pk]),
        {"experts": [expert_user().pk, expert_user().pk, conflicted.pk]},
    )
    assert response.status_code == 200
    assert "利益冲突" in response.content.decode()
    assert not Argument.objects.exists()


def test_expert_argues_only_what_is_assigned(world, client_for):
    argument = ArgumentFactory(expert=world.users["expert"])
    demand = argument.demand
    client = client_for("expert")
    assert client.get(reverse("demands:argue", args=[demand.pk])).status_code == 200
    bad = client.post(
        reverse("demands:argue", args=[demand.pk]),
        {"influence": 120, "industry_pull": 50, "breadth": 50, "opinion": "x"},
    )
    assert bad.status_code == 200
    argument.refresh_from_db()
    assert argument.submitted_at is None
    ok = client.post(
        reverse("demands:argue", args=[demand.pk]),
        {"influence": 80, "industry_pull": 70, "breadth": 60, "opinion": "带动性强", "recommend": "on"},
    )
    assert ok.status_code == 302
    argument.refresh_from_db()
    assert argument.score == 70 and argument.recommend
    other = DemandFactory(status=Demand.Status.UNDER_ARGUMENT)
    ArgumentFactory(demand=other)
    assert client.get(reverse("demands:argue", args=[other.pk])).status_code == 404
    assert client.get(reverse("demands:detail", args=[other.pk])).status_code == 404


def test_unit_submits_from_the_account(world, client_for):
    CollectionRoundFactory()
    response = client_for("unit_admin").post(
        reverse("demands:my_submit"),
        {
            "contact_name": "张三",
            "phone": "13800000000",
            "title": "稀土抛光粉回收",
            "industry": Industry.objects.get(code="rare-earth").pk,
            "technical_field": "抛光材料",
            "problem": "回收率低",
            "expected_outcome": "专利组合",
            "regional_significance": "包头",
        },
    )
    assert response.status_code == 302
    demand = Demand.objects.get()
    assert demand.organization == world.org and demand.submitted_by == world.users["unit_admin"]


def test_unit_submission_outside_a_round_is_refused(world, client_for):
    page = client_for("unit_admin").get(reverse("demands:my_submit"))
    assert page.status_code == 200
    assert "提交未被受理" in page.content.decode()


def test_officer_opens_and_closes_a_round(world, client_for):
    client = client_for("regional_officer")
    today = timezone.localdate()
    bad = client.post(
        reverse("demands:rounds"),
        {"title": "倒置", "opens_on": today.isoformat(), "closes_on": (today - datetime.timedelta(days=1)).isoformat()},
    )
    assert bad.status_code == 200
    assert "征集批次的截止日期不能早于开始日期" in bad.content.decode()
    ok = client.post(
        reverse("demands:rounds"),
        {
            "title": "2026年第二批",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=9)).isoformat(),
        },
    )
    assert ok.status_code == 302
    from apps.demands.models import CollectionRound

    round_ = CollectionRound.objects.get()
    assert client.post(reverse("demands:round_close", args=[round_.pk])).status_code == 302
    round_.refresh_from_db()
    assert round_.status == CollectionRound.Status.CLOSED


def test_pool_filters_by_status(world, client_for):
    DemandFactory(title="待初筛的需求")
    DemandFactory(title="已受理的需求", status=Demand.Status.ACCEPTED)
    page = client_for("regional_officer").get(reverse("demands:pool"), {"status": "accepted"}).content.decode()
    assert "已受理的需求" in page and "待初筛的需求" not in page


def test_merging_into_an_unknown_receipt_number_answers_200(world, client_for):
    demand = DemandFactory()
    response = client_for("regional_officer").post(
        reverse("demands:merge", args=[demand.pk]), {"into": "XQ2026NOSUCH22"}
    )
    assert response.status_code == 200
    assert "没有这个回执号对应的需求" in response.content.decode()
    demand.refresh_from_db()
    assert demand.status == Demand.Status.SUBMITTED


def test_receipt_lookups_are_rate_limited(client, settings):
    from django.urls import reverse

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "receipt_lookup": (2, 60)}
    codes = [
        client.post(reverse("demands:follow"), {"receipt": "XQ2026AAAAAAAA"}, REMOTE_ADDR="10.7.7.7").status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]


def test_the_units_workbench_counts_each_demand_once_under_its_status(world):
    from types import SimpleNamespace

    from apps.demands.nav import _panels

    DemandFactory(organization=world.org, submitted_by=world.user("unit_admin"), status=Demand.Status.ADOPTED)
    DemandFactory(organization=world.org_other, status=Demand.Status.SUBMITTED)
    [panel] = _panels(SimpleNamespace(user=world.user("unit_member")))
    assert [(str(label), value) for label, value, _ in panel.items] == [("已采纳", 1)]
