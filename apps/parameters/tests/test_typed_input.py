"""Issue 13 §2: a parameter's value parses strictly (Python's Decimal would take "1_0" as 10)."""

import pytest

from apps.core.errors import DomainError
from apps.parameters import services
from apps.parameters.models import Parameter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["1_0", "1e1", "NaN", "１０", "Infinity"])
def test_a_value_that_is_not_a_plain_number_is_refused_and_nothing_changes(world, sample, typed):
    with pytest.raises(DomainError) as refused:
        services.parameter_update(world.user("regional_officer"), "tests.sample", value=typed, reason="试验")
    assert refused.value.message.startswith("参数值")
    assert not Parameter.objects.exists()
    assert sample.value() == 10


def test_the_form_refuses_it_too(world, client_for, sample):
    from django.urls import reverse

    response = client_for("regional_officer").post(
        reverse("parameters:edit", args=["tests.sample"]), {"value": "1_0", "reason": "试验", "expected": "10"}
    )
    assert response.status_code == 200 and response.context["form"].errors["value"]
    assert not Parameter.objects.exists()
