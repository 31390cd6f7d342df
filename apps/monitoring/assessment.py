"""A center's KPIs projected to the end of its current contract year (issue 21): the series each KPI's projection
(`projection.project`) is fitted on, read from the KPI engine's sources.

    found = assess(center, as_of=date(2025, 7, 1))
    found.year          # the current contract year (`patents.kpi.Year`), None before the term or after it
    found.lines         # one `Line` per KPI of the version in force: name, unit, target, actual, projected, status
    found.risk_key      # "2|发明专利授权量=high_risk" — the year and the KPIs at risk; "" when none is
    found.level         # projection.HIGH_RISK, AT_RISK or "" (the worst band among the KPIs)

The series (see `projection` for the method):
- a KPI computed from the records (`ContractIndicator.metric`, `patents.metrics`): the cumulative figure from the
  term's first day to each contract-month end of the current year elapsed by `as_of` (year start + k months − 1 day)
  and to `as_of` itself, all in ONE `metrics.figures` call (one query per source); a flow is monotone, a stock
  (held on the day) or a ratio is not; money is converted to the KPI's unit (`metrics.convert`);
- a KPI reported by hand: the values the lead unit reported for the current year (`patents.SelfReportedValue`,
  cumulative; the latest of a day counts), one query; monotone.
The target is the year's `ContractTarget` (cumulative at the year's end). The cost is constant per center: the
KPIs with their version and targets (two queries), one per metric source, one for the reported values."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F

from apps.centers.models import ContractIndicator
from apps.core import clock, dates
from apps.patents import kpi, metrics
from apps.patents.models import SelfReportedValue

from . import projection


@dataclass(frozen=True)
class Line:
    indicator: ContractIndicator
    projection: projection.Projection

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def unit(self) -> str:
        return self.indicator.unit

    @property
    def self_reported(self) -> bool:
        return self.indicator.metric not in metrics.METRICS

    # what a KPI line shows (as `FlagLine`): the template `monitoring/_lines.html` reads either
    target = property(lambda self: self.projection.target)
    actual = property(lambda self: self.projection.actual)
    projected = property(lambda self: self.projection.projected)
    status = property(lambda self: self.projection.status)
    points = property(lambda self: self.projection.points)
    at_risk = property(lambda self: self.projection.at_risk)
    status_label = property(lambda self: self.projection.status_label)
    status_class = property(lambda self: self.projection.status_class)


@dataclass(frozen=True)
class Assessment:
    center: object
    as_of: date
    year: kpi.Year | None
    lines: tuple[Line, ...]

    @property
    def at_risk(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.projection.at_risk)

    @property
    def level(self) -> str:
        statuses = {line.projection.status for line in self.lines}
        if projection.HIGH_RISK in statuses:
            return projection.HIGH_RISK
        if projection.AT_RISK in statuses:
            return projection.AT_RISK
        return ""

    @property
    def risk_key(self) -> str:
        """The contract year and each KPI at risk with its band, sorted: what a flag is about."""
        if not self.at_risk or self.year is None:
            return ""
        parts = sorted(f"{line.name}={line.projection.status}" for line in self.at_risk)
        return "|".join([str(self.year.number), *parts])


def checkpoints(year: kpi.Year, as_of: date) -> list[date]:
    """The contract-month ends of `year` elapsed by `as_of`, and `as_of` itself (when within the year)."""
    last = min(as_of, year.ends_on)
    found = []
    k = 1
    while True:
        day = dates.term_end(year.starts_on, months=k)
        if day > last:
            break
        found.append(day)
        k += 1
    if year.starts_on <= last and last not in found:
        found.append(last)
    return found


def _indicators(center) -> list[ContractIndicator]:
    return list(
        ContractIndicator.objects.filter(
            version__contract__center_id=center.pk, version__contract__current_version=F("version")
        )
        .select_related("version")
        .prefetch_related("targets")
        .order_by("order", "id")
    )


def _reported(version, indicators, year_number: int, as_of: date) -> dict[str, list[tuple[date, Decimal]]]:
    """{KPI name: [(as of, value)] of the current year}, oldest first, the latest report of a day last."""
    names = {i.name for i in indicators if i.metric not in metrics.METRICS}
    found: dict[str, list] = {name: [] for name in names}
    if not names:
        return found
    rows = (
        SelfReportedValue.objects.filter(
            indicator__version__contract_id=version.contract_id,
            indicator__name__in=names,
            year=year_number,
            as_of__lte=as_of,
        )
        .order_by("as_of", "id")
        .values_list("indicator__name", "as_of", "value")
    )
    for name, day, value in rows:
        found[name].append((day, value))
    return found


def assess(center, as_of: date | None = None) -> Assessment:
    """Every KPI of `center`'s contract version in force projected to the end of the contract year `as_of` falls in
    (default today). No version, no term, or `as_of` outside the term: no year and no lines."""
    as_of = as_of or clock.today()
    indicators = _indicators(center)
    if not indicators or indicators[0].version.term_starts_on is None:
        return Assessment(center, as_of, None, ())
    version = indicators[0].version
    targets = {i.pk: i.targets_by_year() for i in indicators}
    last_target = max((y for t in targets.values() for y in t), default=0)
    years = kpi.years_of(version, last_target_year=last_target)
    if not years or as_of < years[0].starts_on or as_of > years[-1].ends_on:
        return Assessment(center, as_of, None, ())
    year = kpi.year_of(years, as_of)
    days = checkpoints(year, as_of)
    term_start = years[0].starts_on
    windows = [(term_start, day) for day in days]
    computed = metrics.figures(center, [i.metric for i in indicators if i.metric in metrics.METRICS], windows)
    reported = _reported(version, indicators, year.number, as_of)
    lines = []
    for indicator in indicators:
        metric = metrics.METRICS.get(indicator.metric)
        if metric is not None:
            figures = computed[indicator.metric]
            series = [(day, metrics.convert(figures[(term_start, day)], metric.unit, indicator.unit)) for day in days]
            monotone = metric.kind == metrics.FLOW
            actual = series[-1][1] if series else None
        else:
            series = reported.get(indicator.name, [])
            monotone = True
            actual = series[-1][1] if series else None
        lines.append(
            Line(
                indicator,
                projection.project(
                    series,
                    starts_on=year.starts_on,
                    ends_on=year.ends_on,
                    as_of=as_of,
                    target=targets[indicator.pk].get(year.number),
                    actual=actual,
                    monotone=monotone,
                ),
            )
        )
    return Assessment(center, as_of, year, tuple(lines))
