"""Issue 13 §6: a bound is stated beside the field before anyone types, not first in a refusal. Every tunable of the
platform, on its form: the value field's help text names the minimum and the maximum with the unit, and the browser
gets them as min/max."""

import pytest
from django.urls import reverse

from apps.parameters import tunables

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", [t.key for t in tunables.all_tunables() if not t.key.startswith("tests.")])
def test_every_parameter_states_its_bounds_beside_the_value(world, client_for, key):
    tunable = tunables.get(key)
    response = client_for("regional_officer").get(reverse("parameters:edit", args=[key]))
    field = response.context["form"].fields["value"]
    low, high = tunable.format(tunable.minimum), tunable.format(tunable.maximum)
    assert f"{low} 至 {high}" in str(field.help_text)
    assert (field.widget.attrs["min"], field.widget.attrs["max"]) == (low, high)
    assert str(field.help_text) in response.content.decode()
