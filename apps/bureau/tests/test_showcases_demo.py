"""The showcases' demo: one published showcase with its figures for the rare-earth center, one proposal waiting, one
declined; a second load changes nothing."""

import pytest

from apps.bureau import demo_showcases
from apps.bureau.models import Showcase

pytestmark = pytest.mark.django_db


def _users(world):
    from apps.centers.tests.factories import center_for

    other = center_for(world, org=world.org_other)
    return {
        "regional_officer": world.user("regional_officer"),
        "university_admin": world.user("unit_admin_other"),
        "dairy_admin": world.user("unit_admin_other"),
        "loaded": {"apps.centers.demo": {"rare_earth": center_for(world), "university": other, "dairy": other}},
    }


def test_the_demo_loads_once_through_the_services(world):
    users = _users(world)
    made = demo_showcases.load(users)
    assert made["published"].status == Showcase.Status.PUBLISHED and len(made["published"].figures) == 4
    assert made["published"].center.lead_unit == world.org
    assert made["waiting"].status == Showcase.Status.PROPOSED
    assert made["declined"].status == Showcase.Status.DECLINED and made["declined"].decision_reason
    states = list(Showcase.objects.order_by("id").values_list("id", "status", "updated_at"))
    again = demo_showcases.load(users)
    assert {k: v.pk for k, v in again.items()} == {k: v.pk for k, v in made.items()}
    assert list(Showcase.objects.order_by("id").values_list("id", "status", "updated_at")) == states


def test_without_demo_centers_nothing_is_made(world):
    assert demo_showcases.load({"regional_officer": world.user("regional_officer")}) == {}
    assert not Showcase.objects.exists()
