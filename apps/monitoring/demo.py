"""The KPI early warning's demo (`manage.py load_demo`, last: after every domain demo): the weekly job run once over
the demo centers, with one center brought on track first, so the demo shows centers at risk and one on track.

- on track: the first center under construction whose current contract year is far enough along to be projected
  (a quarter of the year, `rules.MIN_ELAPSED_SHARE`): for each of its KPIs that is short of the year's target and
  that the records compute (invention filings and grants, licences and assignments and their income), its lead
  unit's administrator enters the records of each elapsed contract month of the year through the patents' services
  (`portfolio.patent_create`, `utilization.record_event`), at `ON_TRACK_PACE` (130 %) of the pace the target needs;
- at risk: the other demo centers as their records stand (the demo's centers of the first batch have had no
  grants or licences since their year began): the job flags them (`services.refresh_all`).

`load(users) -> dict`: {"on_track": center, "at_risk": [centers flagged], "done": the job's result}; loaded once
(nothing is done when a flag exists already)."""

import math
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model

from apps.centers.models import Center
from apps.core import clock
from apps.core.roles import Role

from . import assessment, projection, rules, services
from .models import Flag

ON_TRACK_PACE = Decimal("1.3")
PATENTS = ("invention_filings", "invention_grants")
DEALS = ("licences_and_assignments", "licences", "assignments")
MONEY = ("licence_and_assignment_amount", "licence_amount", "assignment_amount")
_serial = iter(range(9_100_000, 9_900_000))


def load(users) -> dict:
    if Flag.objects.exists():
        return {}
    on_track = None
    for center in Center.objects.filter(status=Center.Status.UNDER_CONSTRUCTION).order_by("pk"):
        found = assessment.assess(center)
        admin = _admin(center)
        if found.year is None or admin is None:
            continue
        share = projection.elapsed_share(found.year.starts_on, found.year.ends_on, found.as_of)
        if share >= rules.MIN_ELAPSED_SHARE:
            _bring_on_track(center, found, admin)
            on_track = center
            break
    if on_track is None:
        print("apps.monitoring.demo: no center under construction far enough into a contract year; flags skipped.")
    done = services.refresh_all()
    at_risk = list(Center.objects.filter(risk_flags__state=Flag.State.OPEN).order_by("pk"))
    return {"on_track": on_track, "at_risk": at_risk, "done": done}


def _admin(center):
    return (
        get_user_model()
        .objects.filter(role=Role.UNIT_ADMIN, organization_id=center.lead_unit_id, is_active=True)
        .order_by("pk")
        .first()
    )


def _elapsed_days(year) -> list:
    """The 20th day of each contract month of `year` elapsed by today."""
    today = clock.today()
    days = [year.starts_on + relativedelta(months=k) + timedelta(days=19) for k in range(12)]
    return [day for day in days if day <= min(today, year.ends_on)]


def _steps(gap: Decimal, months: int) -> list[Decimal]:
    """The cumulative amount to add by each elapsed month: `ON_TRACK_PACE` × gap × m / 12."""
    return [gap * ON_TRACK_PACE * m / 12 for m in range(1, months + 1)]


def _bring_on_track(center, found, admin) -> None:
    from apps.patents import metrics, portfolio, utilization
    from apps.patents.numbers import check_character

    days = _elapsed_days(found.year)
    term_start = found.center.contract.current_version.term_starts_on
    holder = None

    def new_patent(day, *, granted):
        digits = f"{term_start.year - 1}1{next(_serial):07d}"
        filed = term_start - timedelta(days=30)  # before the term: never counted as a filing of the term
        return portfolio.patent_create(
            admin,
            center,
            application_number=f"{digits}.{check_character(digits)}",
            patent_type="invention",
            title="一种工业固废高值化利用工艺及其装置",
            filing_date=day if not granted else filed,
            grant_date=day if granted else None,
            legal_status="granted" if granted else "pending",
            legal_status_on=day,
        )

    def licence(day, amount):
        nonlocal holder
        if holder is None:
            holder = new_patent(term_start - timedelta(days=30), granted=False)
        return utilization.record_event(
            admin,
            center,
            patent=holder,
            kind="license",
            license_type="non_exclusive",
            counterparty="内蒙古某产业化公司",
            amount=str(amount),
            starts_on=day,
        )

    for line in found.lines:
        metric = line.indicator.metric
        target, actual = line.projection.target, line.projection.actual or Decimal(0)
        if target is None or actual >= target or metric not in PATENTS + DEALS + MONEY:
            continue
        steps = _steps(target - actual, len(days))
        if metric in MONEY:
            added = Decimal(0)
            for day, cumulative in zip(days, steps, strict=True):
                value = metrics.convert(cumulative - added, line.indicator.unit, "元")
                licence(day, value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
                added = cumulative
            continue
        made = 0
        for day, cumulative in zip(days, steps, strict=True):
            for _n in range(math.ceil(cumulative) - made):
                if metric in PATENTS:
                    new_patent(day, granted=metric == "invention_grants")
                else:
                    licence(day, Decimal("50000.00"))
            made = max(made, math.ceil(cumulative))
