"""Issue 13 §1: a demand titled with U+202E (RIGHT-TO-LEFT OVERRIDE) + "gnp.exe" showed as "exe.png" in the pool.
Direction controls and control characters are removed on the way in (apps/core/text.py), by the public form and by
the service alike."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.demands import services
from apps.demands.models import Demand
from apps.reference.models import Industry

from .factories import CollectionRoundFactory
from .test_views import public_form

pytestmark = pytest.mark.django_db

REVERSED_TITLE = "\u202egnp.exe"


def test_a_title_with_a_direction_override_is_stored_and_shown_as_typed_in_the_pool(client_for):
    CollectionRoundFactory()
    client = Client()
    data = public_form(client, title=REVERSED_TITLE, problem="核心菌种\u2066依赖\u2069进口\x0b（从Word粘贴）")
    response = client.post(reverse("demands:submit"), data)
    assert response.status_code == 302
    demand = Demand.objects.get()
    assert demand.title == "gnp.exe"
    assert demand.problem == "核心菌种依赖进口\n（从Word粘贴）"
    pool = client_for("regional_officer").get(reverse("demands:pool")).content.decode()
    assert "gnp.exe" in pool and "\u202e" not in pool


def test_the_service_applies_the_same_rule_without_a_form():
    CollectionRoundFactory()
    demand = services.demand_submit(
        data={
            "contact_name": "赵六\u202d",
            "organization_name": "呼和浩特某乳业公司",
            "phone": "13800000009",
            "email": "",
            "title": REVERSED_TITLE,
            "industry": Industry.objects.get(code="dairy-food"),
            "technical_field": "菌种\x00选育",
            "problem": "核心菌种依赖进口",
            "expected_outcome": "自主菌种专利组合",
            "regional_significance": "带动全区乳业",
        }
    )
    demand.refresh_from_db()
    assert (demand.title, demand.contact_name, demand.technical_field) == ("gnp.exe", "赵六", "菌种选育")
