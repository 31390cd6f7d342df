"""Reading the parameters: one query per request at most, never stale outside a request."""

from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from apps.core import clock
from apps.parameters import services, values
from apps.parameters.models import Parameter

pytestmark = pytest.mark.django_db


def test_within_a_request_reads_cost_one_query_whatever_their_number(sample, share, django_assert_num_queries):
    Parameter.objects.create(key="tests.sample", value=Decimal("12"), updated_at=clock.now())
    with values.scope():
        with django_assert_num_queries(1):
            assert [sample.value() for _ in range(5)] == [12] * 5
            assert share.value() == Decimal("0.70")
        with django_assert_num_queries(0):
            sample.value()


def test_the_middleware_opens_one_scope_per_request(sample, django_assert_num_queries):
    seen = []

    def view(request):
        seen.extend(sample.value() for _ in range(3))
        return HttpResponse()

    middleware = values.ParameterMiddleware(view)
    with django_assert_num_queries(1):
        middleware(RequestFactory().get("/"))
    Parameter.objects.create(key="tests.sample", value=Decimal("15"), updated_at=clock.now())
    with django_assert_num_queries(1):
        middleware(RequestFactory().get("/"))  # the next request reads the table again
    assert seen == [10, 10, 10, 15, 15, 15]


def test_outside_a_request_every_read_sees_the_table(sample):
    assert sample.value() == 10
    Parameter.objects.create(key="tests.sample", value=Decimal("13"), updated_at=clock.now())
    assert sample.value() == 13


def test_a_change_made_during_the_request_is_seen_at_once(world, sample):
    with values.scope():
        assert sample.value() == 10
        services.parameter_update(world.user("regional_officer"), "tests.sample", value=14, reason="试")
        assert sample.value() == 14
