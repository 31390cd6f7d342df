"""At once, on PostgreSQL with real connections: two clicks on "submit" that arrive together freeze one version (the
second loses under the row lock with the concurrent-change message); two workers opening the same report get one."""

import pytest

from tests.concurrency import AsShown, race

from .. import services
from ..models import AnnualReport, ReportEvent, ReportVersion


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_submits_at_once_freeze_one_version():
    from tests.world import build_world

    from . import reports_setup as rs

    world = build_world()
    report = rs.open_for(world)
    admin = world.user("unit_admin")
    rs.write_all(report, admin)

    shown = AsShown(AnnualReport, report.pk)
    assert race(services.submit, [(admin, shown), (admin, shown)]) == ["conflict", "ok"]
    assert ReportVersion.objects.filter(report=report).count() == 1
    assert ReportEvent.objects.filter(report=report, action="submit").count() == 1
    assert AnnualReport.objects.get(pk=report.pk).version == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_opening_the_same_report_get_one():
    from tests.world import build_world

    from . import reports_setup as rs

    world = build_world()
    center = rs.center(world)
    opened = []

    def open_(_n):
        opened.append(services.open_report(center, rs.last_year()).pk)

    assert race(open_, [(1,), (2,)]) == ["ok", "ok"]
    assert len(set(opened)) == 1 and AnnualReport.objects.filter(center=center).count() == 1
    assert ReportEvent.objects.filter(action="open").count() == 1
