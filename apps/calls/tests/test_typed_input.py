"""Issue 13 §2 in calls and topics: indicator names are refused, not cut; numbers parse strictly; the indicator
table and the call's dates have their limits (the walk over every form and model is tests/test_typed_input.py)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from apps.calls import services
from apps.calls.models import Call, Topic, TopicIndicator
from apps.core.errors import DomainError

from .factories import CallFactory
from .test_services import call_values, officer, topic_values  # noqa: F401 (officer is a fixture)

pytestmark = pytest.mark.django_db


def test_an_indicator_name_one_character_too_long_is_refused_not_cut(officer):  # noqa: F811
    call = CallFactory()
    with pytest.raises(DomainError) as refused:
        services.topic_create(
            officer, call, values=topic_values(), indicators=[{"name": "专" * 201, "unit": "件", "minimum_target": "3"}]
        )
    assert refused.value.message == "指标最多可填写 200 个字符，现有 201 个；请删减后重新提交。"
    with pytest.raises(DomainError) as refused:
        services.topic_create(
            officer,
            call,
            values=topic_values(),
            indicators=[{"name": "专利", "unit": "件" * 33, "minimum_target": "3"}],
        )
    assert "32" in refused.value.message and "33" in refused.value.message
    assert not Topic.objects.exists()


@pytest.mark.parametrize("typed", ["1_0", "1e1", "NaN", "１０"])
def test_a_minimum_target_is_a_plain_number(officer, typed):  # noqa: F811
    with pytest.raises(DomainError) as refused:
        services.topic_create(
            officer,
            CallFactory(),
            values=topic_values(),
            indicators=[{"name": "专利", "unit": "件", "minimum_target": typed}],
        )
    assert refused.value.message.startswith("“专利”的最低目标值")
    with pytest.raises(DomainError):
        services.topic_create(officer, CallFactory(), values=topic_values(funding_cap=typed), indicators=[])


def test_more_than_20_indicators_are_refused_not_dropped(officer):  # noqa: F811
    rows = [{"name": f"指标{i}", "unit": "件", "minimum_target": "1"} for i in range(21)]
    with pytest.raises(DomainError) as refused:
        services.topic_create(officer, CallFactory(), values=topic_values(), indicators=rows)
    assert "20" in refused.value.message and "21" in refused.value.message
    assert not TopicIndicator.objects.exists()


def test_the_year_and_the_funding_of_a_call_given_as_text_parse_strictly(officer):  # noqa: F811
    with pytest.raises(DomainError):
        services.call_create(officer, **call_values(year="2_026"))
    with pytest.raises(DomainError):
        services.call_create(officer, **call_values(funding_available="5_000_000"))
    assert not Call.objects.exists()


@pytest.mark.parametrize("field", ["applications_open", "applications_close", "recommendation_deadline"])
def test_the_database_refuses_a_call_date_of_year_9999(field):
    call = CallFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.filter(pk=call.pk).update(**{field: datetime.date(9999, 12, 31)})


def test_the_database_refuses_a_zero_funding_and_a_year_outside_2000_to_2100():
    call = CallFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.filter(pk=call.pk).update(funding_available=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.filter(pk=call.pk).update(year=1)
