"""The changes tab's pages: what each role sees, the forms per kind with every bad input answered in Chinese and
nothing typed lost, the request's page with "from → to", the version it produced and the comparison, and the
termination's pages."""

from datetime import timedelta

import pytest
from django.urls import reverse

from apps.centers.models import Center, ChangeRequest, Termination
from apps.core import clock
from tests.form_tokens import token_for

from .changes_setup import KPI, change_at, signed_center, termination_at

pytestmark = pytest.mark.django_db
Kind = ChangeRequest.Kind


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def changes_url(center):
    return reverse("centers:changes", args=[center.pk])


def new_url(center, kind=""):
    return reverse("centers:change_new", args=[center.pk]) + (f"?kind={kind}" if kind else "")


def change_url(change):
    return reverse("centers:change", args=[change.center_id, change.pk])


def test_the_tab_lists_open_and_past_requests_and_offers_the_units_actions(world, client_for):
    center = signed_center(world)
    change_at(world, center, "submitted")
    change_at(world, center, "rejected", kind=Kind.LEAD_PERSON)
    html = page(client_for("unit_admin"), changes_url(center))
    assert "申请变更" in html and "申请终止" in html
    assert "发明专利授权量，第3年（件）：30 → 35" in html
    assert "未批准" in html
    region = page(client_for("regional_officer"), changes_url(center))
    assert "申请变更" not in region and "由自治区局决定终止培育中心" not in region
    assert reverse("centers:termination_decide", args=[center.pk]) in region
    member = page(client_for("unit_member"), changes_url(center))
    assert reverse("centers:change_new", args=[center.pk]) not in member


def test_a_partner_sees_the_requests_and_acts_on_nothing(world, client_for):
    center = signed_center(world, partner=world.org_other)
    change = change_at(world, center, "submitted")
    client = client_for("unit_admin_other")
    html = page(client, changes_url(center))
    assert reverse("centers:change_new", args=[center.pk]) not in html
    detail = page(client, change_url(change))
    assert reverse("centers:change_withdraw", args=[center.pk, change.pk]) not in detail
    assert client.post(reverse("centers:change_withdraw", args=[center.pk, change.pk])).status_code == 403


def test_a_draft_is_the_lead_units_until_submitted(world, client_for):
    center = signed_center(world)
    draft = change_at(world, center, "draft")
    assert client_for("prefecture_officer").get(change_url(draft)).status_code == 404
    assert client_for("regional_officer").get(change_url(draft)).status_code == 404
    html = page(client_for("unit_admin"), change_url(draft))
    assert reverse("centers:change_edit", args=[center.pk, draft.pk]) in html
    assert "提交盟市局" in html
    assert 'name="kind" value="change_evidence"' in html or "change_evidence" in html
    assert "草稿" not in page(client_for("prefecture_officer"), changes_url(center))


def test_the_kind_selector_then_the_kinds_form(world, client_for):
    center = signed_center(world)
    client = client_for("unit_admin")
    html = page(client, new_url(center))
    for label in ("负责人", "合作单位", "考核指标", "建设期延长", "预算调剂", "其他"):
        assert label in html
    form = page(client, new_url(center, Kind.KPI_TARGETS))
    assert 'name="t0_y3"' in form and 'value="30.00"' in form
    budget = page(client, new_url(center, Kind.BUDGET_REALLOCATION))
    assert 'name="b0"' in budget and "专利导航（元）" in budget


def _post_kpi(client, center, value, reasons="产业化进度加快"):
    url = new_url(center, Kind.KPI_TARGETS)
    data = {"reasons": reasons, "t0_y1": "10", "t0_y2": "15", "t0_y3": value}
    data["form_token"] = token_for(client.get(url), url, url)
    return client.post(url, data)


def test_targets_with_three_decimals_are_refused_and_what_was_typed_is_kept(world, client_for):
    center = signed_center(world)
    client = client_for("unit_admin")
    response = _post_kpi(client, center, "35.125", reasons="产业化进度加快，提高目标")
    assert response.status_code == 200
    html = response.content.decode()
    assert "“发明专利授权量”第3年目标值最多保留2位小数" in html
    assert 'value="35.125"' in html and "产业化进度加快，提高目标" in html
    assert not ChangeRequest.objects.filter(center=center).exists()


def test_a_second_open_change_of_the_same_kind_is_refused_on_the_page(world, client_for):
    center = signed_center(world)
    change_at(world, center, "submitted")
    client = client_for("unit_admin")
    form = page(client, new_url(center, Kind.KPI_TARGETS))
    assert "已有一项同类变更申请未办结" in form
    response = _post_kpi(client, center, "36")
    assert response.status_code == 200
    assert "本培育中心已有一项未办结的“考核指标”变更申请" in response.content.decode()
    assert ChangeRequest.objects.filter(center=center).count() == 1


def test_a_valid_form_creates_the_draft_and_goes_to_its_page(world, client_for):
    center = signed_center(world)
    response = _post_kpi(client_for("unit_admin"), center, "35")
    change = ChangeRequest.objects.get(center=center)
    assert response.status_code == 302 and response["Location"] == change_url(change)
    assert change.status == ChangeRequest.Status.DRAFT
    assert change.proposal["targets"] == [{"indicator": KPI, "unit": "件", "year": 3, "from": "30", "to": "35"}]


def test_the_draft_is_edited_with_its_values_shown(world, client_for):
    center = signed_center(world)
    draft = change_at(world, center, "draft")
    client = client_for("unit_admin")
    url = reverse("centers:change_edit", args=[center.pk, draft.pk])
    html = page(client, url)
    assert 'value="35"' in html
    data = {
        "reasons": "新理由",
        "t0_y1": "10",
        "t0_y2": "16",
        "t0_y3": "35",
        "form_token": token_for(client.get(url), url, url),
    }
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.reasons == "新理由" and [t["year"] for t in draft.proposal["targets"]] == [2, 3]


def test_a_term_extension_over_the_bound_is_refused_on_the_page(world, client_for):
    center = signed_center(world)
    client = client_for("unit_admin")
    url = new_url(center, Kind.TERM_EXTENSION)
    far = (clock.today() + timedelta(days=6 * 365)).isoformat()
    data = {"reasons": "延期", "new_end": far, "form_token": token_for(client.get(url), url, url)}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "每次延期最多将建设期结束日期推后 12 个月" in response.content.decode()


def test_the_opinion_form_asks_both_fields(world, client_for):
    center = signed_center(world)
    change = change_at(world, center, "submitted")
    client = client_for("prefecture_officer")
    url = reverse("centers:change_opine", args=[center.pk, change.pk])
    response = client.post(url, {"opine-opinion": "同意"})
    assert response.status_code == 200 and "盟市局意见" in response.content.decode()
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.SUBMITTED


def test_the_approved_request_links_the_version_it_produced_and_the_comparison(world, client_for):
    center = signed_center(world)
    change = change_at(world, center, "opined")
    client = client_for("regional_officer")
    html = page(client, change_url(change))
    assert "批准变更" in html and "同意变更" in html
    response = client.post(reverse("centers:change_approve", args=[center.pk, change.pk]), {"approve-reason": "同意"})
    assert response.status_code == 302
    html = page(client, change_url(change))
    assert "本次变更形成建设合同书第 2 版" in html
    compare = reverse("centers:contract_compare", args=[center.pk]) + "?a=1&amp;b=2"
    assert compare in html
    assert "30 → 35" not in html or "35" in html


def test_a_rejection_without_reasons_keeps_the_page(world, client_for):
    center = signed_center(world)
    change = change_at(world, center, "opined")
    response = client_for("regional_officer").post(
        reverse("centers:change_reject", args=[center.pk, change.pk]), {"reject-reason": ""}
    )
    assert response.status_code == 200
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.OPINED


# ---------------------------------------------------------------- termination


def test_the_region_terminates_directly_and_the_center_stays_visible_marked(world, client_for):
    center = signed_center(world)
    client = client_for("regional_officer")
    url = reverse("centers:termination_decide", args=[center.pk])
    future = (clock.today() + timedelta(days=3)).isoformat()
    data = {
        "reasons": "连续两年未开展工作。",
        "effective_on": future,
        "form_token": token_for(client.get(url), url, url),
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "终止生效日期不能晚于今天" in response.content.decode()
    data["effective_on"] = clock.today().isoformat()
    response = client.post(url, data)
    termination = Termination.objects.get(center=center)
    assert response.status_code == 302
    assert response["Location"] == reverse("centers:termination", args=[center.pk, termination.pk])
    assert Center.objects.get(pk=center.pk).status == Center.Status.TERMINATED
    html = page(client_for("unit_admin"), changes_url(center))
    assert "本培育中心已结束" in html and "申请变更" not in html
    assert page(client_for("unit_admin"), reverse("centers:detail", args=[center.pk]))


def test_the_termination_page_shows_the_opinion_form_to_the_office(world, client_for):
    center = signed_center(world)
    termination = termination_at(world, center, "requested")
    url = reverse("centers:termination", args=[center.pk, termination.pk])
    assert "出具意见" in page(client_for("prefecture_officer"), url)
    assert "等待盟市局出具意见" in page(client_for("regional_officer"), url)
    assert reverse("centers:termination_withdraw", args=[center.pk, termination.pk]) in page(
        client_for("unit_admin"), url
    )


def test_the_approved_termination_shows_its_clawback(world, client_for):
    from .changes_setup import allocate_and_spend

    center = signed_center(world)
    allocate_and_spend(world, center, allocated="500000")
    termination = termination_at(world, center, "approved")
    html = page(client_for("unit_admin"), reverse("centers:termination", args=[center.pk, termination.pk]))
    assert "追回未使用经费 500,000.00 元" in html
    assert reverse("centers:funding_entry", args=[center.pk, termination.clawback_id]) in html
