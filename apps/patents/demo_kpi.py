"""The demo's KPI engine, through its services (after the portfolio, grading, utilization and standards demos):

- the region binds every KPI of each signed center's version in force to the metric its name suggests
  (`metrics.suggest`: "发明专利授权量" → invention grants, "专利许可、转让" → licences and assignments, …), leaving
  the others ("自主知识产权菌种") self-reported;
- the lead unit's administrator reports the value of each self-reported KPI reached today (year 1 of the term),
  with its explanation.

`build(centers, users)`: as the other parts' demos. Loaded once (a KPI already bound, a value already reported, is
left as it is); a center without a contract in force, or ended, is skipped."""

from django.contrib.auth import get_user_model

from apps.core import clock
from apps.core.roles import Role

from . import kpi, metrics, policies
from .models import SelfReportedValue

EXPLANATION = "依据菌种保藏中心出具的保藏证明及检测报告统计，证明材料已归档备查。"


def build(centers: dict, users) -> None:
    region = users.get("regional_officer")
    if region is None:
        return
    today = clock.today()
    for center in centers.values():
        center.refresh_from_db()
        version = kpi.version_in_force(center)
        if version is None or center.status not in policies.KEEPING:
            continue
        indicators = list(version.indicators.all())
        choices = {
            i.pk: metrics.suggest(i.name, i.unit)
            for i in indicators
            if not i.metric and metrics.suggest(i.name, i.unit)
        }
        if choices:
            kpi.bind_many(region, center, choices)
        admin = (
            get_user_model()
            .objects.filter(role=Role.UNIT_ADMIN, organization_id=center.lead_unit_id, is_active=True)
            .first()
        )
        years = kpi.years_of(version)
        current = kpi.year_of(years, today)
        if admin is None or current is None or today < current.starts_on:
            continue
        for indicator in version.indicators.filter(metric=""):
            if SelfReportedValue.objects.filter(indicator=indicator).exists():
                continue
            target = indicator.targets_by_year().get(current.number)
            value = (target or 1) // 2
            kpi.report(admin, indicator, year=current.number, value=value, as_of=today, explanation=EXPLANATION)
