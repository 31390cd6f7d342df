"""The issue's story end to end, through the pages: a member of the public submits a demand and follows it by
receipt number; the bureau screens it, experts argue it, it becomes a topic of a call that is published and
visible on the portal; a submission after the round closes is refused."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.demands.models import Demand
from apps.demands.tests.factories import CollectionRoundFactory, expert_user
from apps.reference.models import Industry
from tests.world import login

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    login(client, user)
    return client


def test_from_public_demand_to_published_topic(world):
    collection_round = CollectionRoundFactory()
    dairy = Industry.objects.get(code="dairy-food")

    # 1. A member of the public submits a demand without an account.
    public = Client()
    public.get(reverse("demands:submit"))
    response = public.post(
        reverse("demands:submit"),
        {
            "contact_name": "赵六",
            "organization_name": "锡林郭勒某牧业合作社",
            "phone": "13800000009",
            "email": "",
            "title": "奶酪发酵菌种国产化",
            "industry": dairy.pk,
            "technical_field": "乳品发酵菌种",
            "problem": "奶酪发酵剂依赖进口",
            "expected_outcome": "自主菌种与工艺专利组合",
            "regional_significance": "牧区乳制品提质增收",
            "human_check": public.session["human_check:demand_submit"]["a"],
        },
    )
    assert response.status_code == 302
    demand = Demand.objects.get()
    receipt = demand.receipt_number
    assert receipt in public.get(reverse("demands:submitted")).content.decode()
    assert "已收到，等待初筛" in public.post(reverse("demands:follow"), {"receipt": receipt}).content.decode()

    # 2. The regional officer screens it.
    officer = logged_in(world.users["regional_officer"])
    assert receipt in officer.get(reverse("demands:pool")).content.decode()
    assert officer.post(reverse("demands:accept", args=[demand.pk]), {"note": "符合乳业重点产业"}).status_code == 302

    # 3. Three experts argue it.
    experts = [expert_user() for _ in range(3)]
    response = officer.post(reverse("demands:assign", args=[demand.pk]), {"experts": [e.pk for e in experts]})
    assert response.status_code == 302
    assert "专家论证中" in public.post(reverse("demands:follow"), {"receipt": receipt}).content.decode()
    for score, expert in zip((85, 75, 65), experts, strict=True):
        client = logged_in(expert)
        assert demand.title in client.get(reverse("demands:assignments")).content.decode()
        response = client.post(
            reverse("demands:argue", args=[demand.pk]),
            {"influence": score, "industry_pull": score, "breadth": score, "opinion": "带动性强", "recommend": "on"},
        )
        assert response.status_code == 302
    detail = officer.get(reverse("demands:detail", args=[demand.pk])).content.decode()
    assert "75.0" in detail  # the aggregate (mean) the officer decides on
    assert officer.post(reverse("demands:conclude", args=[demand.pk]), {"note": ""}).status_code == 302
    assert officer.post(reverse("demands:adopt", args=[demand.pk]), {"note": "列入榜单"}).status_code == 302
    status_page = public.post(reverse("demands:follow"), {"receipt": receipt}).content.decode()
    assert "已采纳" in status_page
    for expert in experts:
        assert expert.display_name not in status_page

    # 4. It becomes a topic of a call, which is published.
    today = timezone.localdate()
    response = officer.post(
        reverse("calls:create"),
        {
            "year": today.year,
            "title": "2026年度乳业揭榜挂帅榜单",
            "applications_open": today.isoformat(),
            "applications_close": (today + datetime.timedelta(days=30)).isoformat(),
            "recommendation_deadline": (today + datetime.timedelta(days=45)).isoformat(),
            "funding_available": "3000000",
            "guide": "申报指南",
            "work_plan": "",
        },
    )
    assert response.status_code == 302
    call_url = response["Location"]
    call_pk = int(call_url.rstrip("/").split("/")[-1])
    response = officer.post(
        reverse("calls:topic_create", args=[call_pk]),
        {
            "title": "乳品发酵菌种高价值专利培育",
            "industry": dairy.pk,
            "technical_field": "乳品发酵菌种",
            "requirements": "围绕国产发酵菌种开展专利导航和布局",
            "funding_cap": "3000000",
            "demands": [demand.pk],
            "indicators-TOTAL_FORMS": "1",
            "indicators-INITIAL_FORMS": "0",
            "indicators-MIN_NUM_FORMS": "0",
            "indicators-MAX_NUM_FORMS": "20",
            "indicators-0-name": "发明专利授权量",
            "indicators-0-unit": "件",
            "indicators-0-minimum_target": "20",
        },
    )
    assert response.status_code == 302
    assert officer.post(reverse("calls:publish", args=[call_pk])).status_code == 302

    # 5. Everyone sees it on the portal.
    visitor = Client()
    landing = visitor.get(reverse("portal:landing")).content.decode()
    assert "2026年度乳业揭榜挂帅榜单" in landing
    call_page = visitor.get(reverse("calls:public_detail", args=[call_pk])).content.decode()
    assert "乳品发酵菌种高价值专利培育" in call_page and "发明专利授权量" in call_page
    announcements = visitor.get(reverse("portal:announcements")).content.decode()
    assert "2026年度乳业揭榜挂帅榜单发布公告" in announcements
    assert "乳品发酵菌种" in visitor.get(reverse("portal:search"), {"q": "乳品发酵"}).content.decode()

    # 6. The bureau closes the round; a late submission is clearly refused.
    assert officer.post(reverse("demands:round_close", args=[collection_round.pk])).status_code == 302
    late = Client()
    page = late.get(reverse("demands:submit")).content.decode()
    assert "提交未被受理" in page and "不再受理需求" in page
