"""The demo's pre-filing assessment (demo_assessment.py): built through the services, once."""

import pytest

from apps.patents import assessment, demo_assessment
from apps.patents.models import AssessmentWeights, Disclosure

from .assessment_setup import running_center

pytestmark = pytest.mark.django_db


def test_the_demo_builds_every_state_once(world):
    center = running_center(world)
    users = {"unit_admin": world.user("unit_admin"), "unit_member": world.user("unit_member")}
    made = demo_assessment.build({"rare_earth": center}, users)
    assert [d.number[-3:] for d in made] == ["001", "002", "003", "004"]
    states = dict(Disclosure.objects.filter(center=center).values_list("number", "status"))
    assert sorted(states.values()) == ["closed", "draft", "filed", "submitted"]
    assert AssessmentWeights.objects.get(center=center).technical == 30
    filed = Disclosure.objects.get(center=center, status="filed")
    result = assessment.coverage(center, filed.patent.filing_date, filed.patent.filing_date)
    assert (result.assessed, result.filed) == (1, 1)
    assert demo_assessment.build({"rare_earth": center}, users) == []
    assert Disclosure.objects.filter(center=center).count() == 4
