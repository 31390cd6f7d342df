"""The grading demo goes through the services (after the portfolio's demo): the region's IPC list seeded, the
rare-earth center's patents graded with one override carrying its reason; loading twice adds nothing."""

import pytest

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.core import dates
from apps.patents import demo_grading, demo_portfolio, high_value
from apps.patents.models import Patent, PatentGrade, StrategicIPC

pytestmark = pytest.mark.django_db


def test_the_demo_grading_loads_once(world):
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    users = {"unit_admin": world.user("unit_admin"), "regional_officer": world.user("regional_officer")}
    demo_portfolio.build({"rare_earth": center}, users)
    rows = demo_grading.build({"rare_earth": center}, users)
    assert StrategicIPC.objects.count() == len(demo_grading.STRATEGIC_IPC)
    core = Patent.objects.get(application_number="201611162814.0")
    assert core.grade == "A"
    override = PatentGrade.objects.get(patent=core, override_reason=demo_grading.OVERRIDE_REASON)
    assert override.grade != override.suggested
    assert len(rows) == PatentGrade.objects.count() >= 2
    assert core.pk in high_value.high_value_ids(center, dates.add_years(core.grant_date, 4))
    assert demo_grading.build({"rare_earth": center}, users) == []
    assert PatentGrade.objects.count() == len(rows)
