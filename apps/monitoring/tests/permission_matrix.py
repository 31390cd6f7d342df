"""The KPI early warning's URLs against every actor of the world (tests/world.py).

The world's unit (甲企业, prefecture A) leads a center under construction, its contract in force for 200 days, with an
open flag. So:
- the list: the region (every center) and both prefecture offices (each its own prefecture: the other office's list
  is empty, tests/test_views.py); units, experts and administrators 403;
- the flag: the region, the office of prefecture A and the lead unit (administrator and member: they are told of
  it); everyone else 404;
- the dismissal: the region and the office of prefecture A (a refusal after the first is a message, not an error);
  the lead unit sees the flag but may not dismiss it (403); everyone else 404;
- the center's tab: whoever sees the center (its lead unit, its prefecture office, the region); 404 else."""

from tests.permissions import EVERY_LOGGED_IN, UNIT, Row

OFFICES = {"regional_officer", "prefecture_officer"}
LEAD_UNIT = {"unit_admin", "unit_member"}
SEES_FLAG = OFFICES | LEAD_UNIT


def center(w):
    """The world's center (prefecture A), under construction, its contract in force for 200 days; built once."""
    from datetime import timedelta

    from apps.centers.models import Center
    from apps.centers.tests.factories import center_for
    from apps.core import clock
    from apps.patents.tests.kpi_setup import contract

    found = Center.objects.filter(lead_unit=w.org).first()
    if found is None:
        found = center_for(w, status=Center.Status.UNDER_CONSTRUCTION)
        contract(found, starts_on=clock.today() - timedelta(days=200))
    return found


def flag(w):
    """An open flag of the world's center, with one KPI line at high risk (built directly: the job's own tests
    compute flags)."""
    from datetime import timedelta
    from decimal import Decimal

    from apps.core import clock
    from apps.monitoring.models import Flag, FlagLine

    found = Flag.objects.filter(center=center(w), state__in=Flag.LIVE).first()
    if found is None:
        today = clock.today()
        found = Flag.objects.create(
            center=center(w),
            state=Flag.State.OPEN,
            level=Flag.Level.HIGH_RISK,
            year=1,
            year_ends_on=today + timedelta(days=165),
            risk_key="1|发明专利授权量=high_risk",
            as_of=today,
            raised_on=today,
        )
        FlagLine.objects.create(
            flag=found,
            name="发明专利授权量",
            unit="件",
            target=Decimal("3"),
            actual=Decimal("0"),
            projected=Decimal("0"),
            status="high_risk",
            points=7,
        )
    return found


MATRIX = [
    Row("monitoring:flags", allow={"regional_officer", "prefecture_officer", "prefecture_officer_other"}),
    Row(
        "monitoring:panel",
        allow={"regional_officer", "prefecture_officer", "prefecture_officer_other", *UNIT, "unit_admin_other"},
        note="the home panel",
    ),
    Row(
        "monitoring:flags",
        query="state=open",
        allow={"regional_officer", "prefecture_officer", "prefecture_officer_other"},
        note="filtered",
    ),
    Row(
        "monitoring:flags",
        query="format=xlsx",
        allow={"regional_officer", "prefecture_officer", "prefecture_officer_other"},
        note="the .xlsx export (apps.core.listing)",
    ),
    Row("monitoring:flag", lambda w: {"pk": flag(w).pk}, allow=SEES_FLAG, hide=EVERY_LOGGED_IN - SEES_FLAG),
    Row(
        "monitoring:flag_dismiss",
        lambda w: {"pk": flag(w).pk},
        method="post",
        data=lambda w: {"reason": "已与中心核实，下半年集中申请。"},
        allow=OFFICES,
        hide=EVERY_LOGGED_IN - SEES_FLAG,
    ),
    Row("monitoring:center", lambda w: {"center_pk": center(w).pk}, allow=SEES_FLAG, hide=EVERY_LOGGED_IN - SEES_FLAG),
]
