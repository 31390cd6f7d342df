"""Issue 13 §2 in the demand pool: the public phone field, text limits and date ranges (the walk over every form and
model is tests/test_typed_input.py)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from apps.core.errors import DomainError
from apps.demands import services
from apps.demands.models import CollectionRound, Demand

from .factories import CollectionRoundFactory
from .test_services import submission
from .test_views import public_form

pytestmark = pytest.mark.django_db


def test_the_public_phone_field_refuses_markup_and_stores_nothing():
    CollectionRoundFactory()
    client = Client()
    response = client.post(reverse("demands:submit"), public_form(client, phone="abc<script>"))
    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == [
        "请填写有效的电话号码：手机号（如 13812345678）或带区号的固定电话"
        "（如 0471-1234567，分机写作 0471-1234567-123）。"
    ]
    assert not Demand.objects.exists()


def test_the_public_e_mail_field_refuses_markup():
    CollectionRoundFactory()
    client = Client()
    response = client.post(reverse("demands:submit"), public_form(client, phone="", email="abc<script>"))
    assert response.context["form"].errors["email"]
    assert not Demand.objects.exists()


def test_a_landline_with_its_area_code_and_extension_is_accepted():
    CollectionRoundFactory()
    client = Client()
    response = client.post(reverse("demands:submit"), public_form(client, phone="0471-1234567-123"))
    assert response.status_code == 302
    assert Demand.objects.get().phone == "0471-1234567-123"


def test_the_service_refuses_a_bad_phone_and_a_too_long_problem_that_arrive_without_a_form():
    CollectionRoundFactory()
    with pytest.raises(DomainError) as refused:
        services.demand_submit(data=submission(phone="abc<script>"))
    assert refused.value.message.startswith("电话：请填写有效的电话号码")
    with pytest.raises(DomainError) as refused:
        services.demand_submit(data=submission(problem="难" * 4001))
    assert refused.value.message == "拟解决的问题最多可填写 4000 个字符，现有 4001 个；请删减后重新提交。"
    assert not Demand.objects.exists()


def test_a_too_long_problem_is_refused_by_the_public_form_naming_the_limit():
    CollectionRoundFactory()
    client = Client()
    response = client.post(reverse("demands:submit"), public_form(client, problem="难" * 4001))
    assert any("4000" in e and "4001" in e for e in response.context["form"].errors["problem"])
    assert 'data-maxlength="4000"' in response.content.decode()


@pytest.mark.parametrize(
    ("opens_on", "closes_on"), [(date(1, 1, 1), date(2099, 1, 1)), (date(2026, 1, 1), date(9999, 12, 31))]
)
def test_a_round_dated_year_1_or_9999_is_refused_by_the_service_and_the_database(world, opens_on, closes_on):
    with pytest.raises(DomainError) as refused:
        services.round_open(world.user("regional_officer"), title="第一轮", opens_on=opens_on, closes_on=closes_on)
    assert "2000-01-01" in refused.value.message and "2100-12-31" in refused.value.message
    with pytest.raises(IntegrityError), transaction.atomic():
        CollectionRound.objects.bulk_create([CollectionRound(title="x", opens_on=opens_on, closes_on=closes_on)])
