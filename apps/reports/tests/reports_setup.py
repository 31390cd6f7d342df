"""Annual reports for rcore's tests: a running center of the world (contract in force 400 days ago), its report of
last year opened by the service (`services.open_report`, pre-filled by `prefill.figures_of`), written in full.

    report = open_for(world)                                  # world.org's center, prefecture A, a draft
    report = open_for(world, org=world.org_other)             # prefecture B
    write_all(report, world.user("unit_member"))              # every section written
    report = submitted(world)                                 # written and submitted by unit_admin
"""

import datetime

from apps.core import clock

from .. import services
from ..models import AnnualReport

TEXT = {name: f"{name}：本年度工作情况。" for name in AnnualReport.SECTIONS}


def last_year() -> int:
    return clock.today().year - 1


def center(world, *, org=None):
    from apps.centers.tests.funding_setup import running_center

    return running_center(world, org=org)


def open_for(world, *, org=None, year=None, due_on=None, center_=None) -> AnnualReport:
    year = year or last_year()
    return services.open_report(center_ or center(world, org=org), year, due_on=due_on)


def write_all(report, user, **overrides) -> AnnualReport:
    return services.update_sections(user, report, **{**TEXT, **overrides})


def submitted(world, *, org=None, **kwargs) -> AnnualReport:
    report = open_for(world, org=org, **kwargs)
    admin = world.user("unit_admin" if org in (None, world.org) else "unit_admin_other")
    write_all(report, admin)
    return services.submit(admin, AnnualReport.objects.get(pk=report.pk))


def forwarded(world, **kwargs) -> AnnualReport:
    report = submitted(world, **kwargs)
    return services.forward(world.user("prefecture_officer"), report, "同意报送。")


def fresh(report) -> AnnualReport:
    return AnnualReport.objects.select_related("center__lead_unit", "center__prefecture").get(pk=report.pk)


def first_figure_key(report) -> str:
    return services.figure_rows(report.figures)[0].key


def a_date(days: int) -> datetime.date:
    return clock.today() + datetime.timedelta(days=days)
