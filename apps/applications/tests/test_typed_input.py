"""Issue 13 §2 in the applications: nothing typed is lost or silently dropped — each instance with its right value
(the walk over every form, model and parser is tests/test_typed_input.py)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from apps.applications import scoring, services, services_review
from apps.applications.models import (
    Application,
    ApplicationEvent,
    BudgetItem,
    Capability,
    IndicatorTarget,
    Review,
    Score,
)
from apps.applications.tests import factories as f
from apps.applications.tests.test_views import _form_data
from apps.core.errors import DomainError

pytestmark = pytest.mark.django_db
S = Application.Status
LONG = "意" * 5000


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# ---------------------------------------------------------------- lengths: refused with the field and the limit


def test_a_5000_character_recommendation_opinion_is_refused_naming_the_field_and_the_limit(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    response = client_for("prefecture_officer").post(
        reverse("applications:recommend", args=[application.pk]), {"opinion": LONG, "confirm_region": "on"}
    )
    assert response.status_code == 200  # the page again, with what was typed
    assert _messages(response) == ["推荐意见最多可填写 4000 个字符，现有 5000 个；请删减后重新提交。"]
    assert response.context["recommend_form"]["opinion"].value() == LONG
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert not ApplicationEvent.objects.filter(application=application, action="recommend").exists()


def test_a_5000_character_formal_check_reason_gets_the_length_message_not_please_give_a_reason(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.RECOMMENDED)
    response = client_for("regional_officer").post(
        reverse("applications:formal_return", args=[application.pk]), {"reason": LONG}
    )
    assert _messages(response) == ["理由最多可填写 4000 个字符，现有 5000 个；请删减后重新提交。"]
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED


def test_the_service_refuses_an_over_long_opinion_that_arrives_without_a_form(world):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    with pytest.raises(DomainError) as refused:
        services.application_recommend(world.user("prefecture_officer"), application, opinion=LONG, confirm_region=True)
    assert refused.value.message == "理由或意见最多可填写 4000 个字符，现有 5000 个；请删减后重新提交。"
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


@pytest.mark.parametrize(
    ("action", "state", "actor", "field"),
    [
        ("recommend", S.SUBMITTED, "prefecture_officer", "opinion"),
        ("prefecture_return", S.SUBMITTED, "prefecture_officer", "reason"),
        ("prefecture_reject", S.SUBMITTED, "prefecture_officer", "reason"),
        ("formal_pass", S.RECOMMENDED, "regional_officer", "opinion"),
        ("formal_return", S.RECOMMENDED, "regional_officer", "reason"),
        ("withdraw", S.SUBMITTED, "unit_admin", "reason"),
    ],
)
def test_every_action_of_the_detail_page_refuses_an_over_long_text_and_changes_nothing(
    world, client_for, action, state, actor, field
):
    application = f.advance(world, f.eligible_draft(world), state)
    response = client_for(actor).post(reverse(f"applications:{action}", args=[application.pk]), {field: LONG})
    assert response.status_code == 200
    assert any("4000" in m and "5000" in m for m in _messages(response))
    application.refresh_from_db()
    assert application.status == state


def test_a_project_name_one_character_too_long_is_refused_not_cut(world):
    from apps.applications.tests.factories import open_call, topic_of

    with pytest.raises(DomainError) as refused:
        services.application_create(world.user("unit_admin"), topic_of(open_call()), project_name="中" * 201)
    assert "200" in refused.value.message and "201" in refused.value.message
    assert not Application.objects.filter(lead_unit=world.org).exists()


# ---------------------------------------------------------------- tables: limits enforced


def _edit(world, client_for):
    application = f.eligible_draft(world)
    client = client_for("unit_admin")
    url = reverse("applications:edit", args=[application.pk])
    return application, client, url, _form_data(client.get(url))


def test_a_budget_of_60_rows_is_refused_by_the_form_and_nothing_is_saved(world, client_for):
    application, client, url, data = _edit(world, client_for)
    before = list(application.budget_items.values_list("name", flat=True))
    data["budget-TOTAL_FORMS"] = "60"
    for i in range(60):
        data.update(
            {f"budget-{i}-name": f"预算{i}", f"budget-{i}-requested_amount": "1", f"budget-{i}-matched_amount": "0"}
        )
    response = client.post(url, {**data, "then": "save"})
    assert response.status_code == 200
    assert response.context["budget"].non_form_errors() == [
        "经费预算最多 40 行，现有 60 行；请删除多余的行后重新提交。"
    ]
    assert list(application.budget_items.values_list("name", flat=True)) == before


def test_a_budget_of_60_rows_is_refused_by_the_service_too(world):
    application = f.eligible_draft(world)
    rows = [{"name": f"预算{i}", "requested_amount": D("1"), "matched_amount": D("0"), "note": ""} for i in range(60)]
    with pytest.raises(DomainError) as refused:
        services.application_save(world.user("unit_admin"), application, values={}, budget=rows)
    assert refused.value.message == "经费预算最多 40 行，现有 60 行；请删除多余的行后重新提交。"
    assert application.budget_items.count() < 40


def test_an_r_and_d_row_for_a_year_outside_the_three_is_refused_not_skipped(world):
    application = f.eligible_draft(world)
    with pytest.raises(DomainError) as refused:
        services.application_save(
            world.user("unit_admin"), application, values={}, rd=[{"year": 1990, "amount": D("1"), "revenue": D("2")}]
        )
    assert "1990" in refused.value.message


# ---------------------------------------------------------------- numbers and ranges


def test_a_negative_kpi_target_is_refused_by_the_form_the_service_and_the_database(world, client_for):
    application, client, url, data = _edit(world, client_for)
    response = client.post(url, {**data, "kpi-0-target_year1": "-100", "then": "save"})
    assert response.status_code == 200 and response.context["indicators"].forms[0].errors["target_year1"]
    row = {"topic_indicator_id": None, "name": "专利数", "unit": "件", "baseline": None, "targets": {1: "-100"}}
    with pytest.raises(DomainError):
        services.application_save(world.user("unit_admin"), application, values={}, indicators=[row])
    row = {**row, "targets": {1: "1"}, "baseline": "-100"}
    with pytest.raises(DomainError):
        services.application_save(world.user("unit_admin"), application, values={}, indicators=[row])
    indicator = application.indicators.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorTarget.objects.filter(indicator=indicator).update(value=D("-100"))
    with pytest.raises(IntegrityError), transaction.atomic():
        type(indicator).objects.filter(pk=indicator.pk).update(baseline=D("-100"))


def test_money_below_zero_is_refused_by_the_service_and_the_database(world):
    application = f.eligible_draft(world)
    rows = [{"name": "设备", "requested_amount": "-1", "matched_amount": "0", "note": ""}]
    with pytest.raises(DomainError):
        services.application_save(world.user("unit_admin"), application, values={}, budget=rows)
    with pytest.raises(DomainError):
        services.application_save(
            world.user("unit_admin"), application, values={}, rd=[{"year": application.rd_years()[0], "amount": "-5"}]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetItem.objects.filter(application=application).update(requested_amount=D("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(approved_funds=D("-1"))


def test_the_score_1_0_is_refused_by_the_form_and_the_service(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [application])
    review = Review.objects.filter(panel=panel).first()
    from tests.world import login

    client = client_for("anonymous")
    login(client, review.expert)
    data = {f"score_{c.code}": "80" for c in scoring.criteria()} | {"comment": "可行"}
    first = scoring.criteria()[0]
    response = client.post(reverse("applications:review", args=[review.pk]), {**data, f"score_{first.code}": "1_0"})
    assert response.status_code == 200
    assert response.context["form"].errors[f"score_{first.code}"]
    assert not Score.objects.filter(review=review).exists()
    scores = {c.code: "80" for c in scoring.criteria()} | {first.code: "1_0"}
    with pytest.raises(DomainError):
        services_review.review_submit(review.expert, review, scores=scores, comment="可行")
    review.refresh_from_db()
    assert review.status == Review.Status.ASSIGNED and review.total is None


def test_scores_outside_0_to_100_never_reach_the_database(world):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [application])
    f.score_all(panel)
    score = Score.objects.first()
    for value in (D("-1"), D("100.01")):
        with pytest.raises(IntegrityError), transaction.atomic():
            Score.objects.filter(pk=score.pk).update(score=value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=score.review_id).update(total=D("101"))


# ---------------------------------------------------------------- dates and phones


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31"])
def test_a_capability_dated_year_1_or_9999_is_refused_by_the_form(world, client_for, typed):
    _application, client, url, data = _edit(world, client_for)
    data.update({"cap-0-kind": "platform", "cap-0-name": "稀土材料重点实验室", "cap-0-starts_on": typed})
    response = client.post(url, {**data, "then": "save"})
    assert response.status_code == 200
    assert response.context["capabilities"].forms[0].errors["starts_on"] == [
        "开始日期须在 1949-10-01 至 2100-12-31 之间。"
    ]


@pytest.mark.parametrize("value", [date(1, 1, 1), date(9999, 12, 31)])
def test_a_capability_dated_year_1_or_9999_is_refused_by_the_service_and_the_database(world, value):
    application = f.eligible_draft(world)
    row = {"kind": "platform", "name": "稀土材料重点实验室", "starts_on": value}
    with pytest.raises(DomainError):
        services.application_save(world.user("unit_admin"), application, values={}, capabilities=[row])
    with pytest.raises(IntegrityError), transaction.atomic():
        Capability.objects.bulk_create([Capability(application=application, kind="platform", name="x", ends_on=value)])


def test_a_contact_phone_with_markup_is_refused_by_the_form_and_the_service(world, client_for):
    application, client, url, data = _edit(world, client_for)
    response = client.post(url, {**data, "contact_phone": "abc<script>", "then": "save"})
    assert response.status_code == 200 and response.context["form"].errors["contact_phone"]
    with pytest.raises(DomainError):
        services.application_save(world.user("unit_admin"), application, values={"contact_phone": "abc<script>"})
    application.refresh_from_db()
    assert application.contact_phone == "0472-1234567"
