"""`loading.fetch_together` reads several querysets in one query and gives back what `list(queryset)` would: the
same instances (every concrete field, decimals with their scale, dates, booleans, NULLs) in the same order."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.applications import content
from apps.applications.models import Application, BudgetItem, Capability, Indicator, IndicatorTarget, RDInvestment
from apps.applications.tests import factories as f
from apps.core import loading
from apps.organizations.tests.factories import IntegrityRecordFactory

pytestmark = pytest.mark.django_db


def _fields(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_rows_of_several_tables_come_back_as_list_would_give_them_in_one_query(world):
    application = f.eligible_draft(world)
    Capability.objects.create(application=application, kind="platform", name="后", order=5, starts_on=None)
    Capability.objects.create(
        application=application,
        kind="platform",
        name="先",
        order=0,
        level="national",
        starts_on=datetime.date(1999, 12, 31),
        ends_on=datetime.date(2030, 1, 1),
    )
    BudgetItem.objects.create(
        application=application, name="小数", requested_amount=Decimal("1234.56"), matched_amount=Decimal("0.10")
    )
    f.indicator(application, targets={1: Decimal("0.33"), 3: Decimal("7")}, name="自定义", baseline=None)
    IntegrityRecordFactory(organization=application.lead_unit, until=None)
    querysets = {
        "capabilities": Capability.objects.filter(application=application),
        "rd": RDInvestment.objects.filter(application=application),
        "indicators": Indicator.objects.filter(application=application),
        "targets": IndicatorTarget.objects.filter(indicator__application=application),
        "budget": BudgetItem.objects.filter(application=application).order_by("-requested_amount"),
        "topic_indicators": application.topic.indicators.all(),
        "integrity": application.lead_unit.active_integrity_records(),
        "none": BudgetItem.objects.none(),
    }
    with CaptureQueriesContext(connection) as captured:
        found = loading.fetch_together(querysets)
    assert len(captured) == 1
    for key, queryset in querysets.items():
        expected = list(queryset)
        assert [_fields(row) for row in found[key]] == [_fields(row) for row in expected], key
        assert all(type(row) is queryset.model for row in found[key])
    assert [str(b.requested_amount) for b in found["budget"]] == ["1000000.00", "1234.56"]  # descending, with scale
    assert str(found["budget"][-1].matched_amount) == "0.10"


def test_an_applications_content_is_read_in_three_queries_whatever_it_holds(world):
    application = f.eligible_draft(world)
    for _ in range(3):
        f.partner(application)
    application = Application.objects.select_related("call", "topic", "lead_unit").get(pk=application.pk)
    with CaptureQueriesContext(connection) as captured:
        loaded = content.load(application)
    assert len(captured) == 3
    assert [len(p.files) for p in loaded.partnerships] == [1, 1, 1]
    assert {a.kind for a in loaded.files} == {"commitment", "rd_audit", "ip_rules"}
    assert loaded.snapshot["requested_total"] == "1,000,000.00"
