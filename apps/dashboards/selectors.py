"""The figures of the dashboards (issue 21; Art. 5(4)–(5), 6), read through each app's own scoped selectors, so a
dashboard counts exactly what the user's lists show:

- `area(user) -> Area`: the region's picture (the regional officer: every center) or a prefecture office's (its own
  centers only, by `centers.selectors.visible_to`): centers by prefecture (the map), by industry and by status;
  KPI completion per center; evaluation grades per year; funding allocated / spent / clawed back (by prefecture and
  by center); the pipeline (demands by state — the region's pool only —, applications by state, annual reports
  due and overdue, rectifications running).
- `center(center) -> CenterFigures`: one center's KPI progress per contract year (the KPI engine, live), its
  funding per year (the ledger) and its deadlines.

Every figure carries the URL of the list (or page) behind it, filtered by that figure's value. Money is `Decimal`
yuan (sums of ledger entries, corrections included, as `centers.funding.Balance` adds them); counts are ints.

Cost (issue 14: at most 15 queries a page, the session's and the menu's included): `area` is eight queries (seven
for a prefecture office) whatever the number of centers, entries, reports, evaluations or flags — one per table,
counts merged into conditional aggregates: the centers (with their industry's name and whether each has an open KPI
warning), the prefectures, the annual reports (read once: the KPI figures and the reports due / overdue), the
evaluation rounds (with their grade counts), the ledger, the applications, the demands (the region only), the
rectifications. `center` is the KPI table's few queries plus a fixed number more.

KPI completion across centers is read from each center's latest annual report (`reports.AnnualReport.figures`,
the KPI engine's statuses frozen at the report year's end), which costs one query for every center; computing the
live KPI table for each center would cost queries per center. A center without a report with KPI figures is listed
as "no report yet".

KPI early warning (`apps.monitoring`): the number of the user's centers with an open `monitoring.Flag` and how many
of those are at high risk, read in the centers' query (a center has at most one live flag: a database constraint)
→ the warnings' list (`monitoring:flags?state=open`)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.applications import selectors as application_selectors
from apps.applications.models import Application
from apps.centers import funding, supervision
from apps.centers import rules as center_rules
from apps.centers import selectors as center_selectors
from apps.centers.models import Center, LedgerEntry, Rectification
from apps.core import clock
from apps.core.roles import Role
from apps.demands.models import Demand
from apps.evaluations import selectors as evaluation_selectors
from apps.evaluations.models import Evaluation, EvaluationRound
from apps.monitoring.models import Flag
from apps.patents import kpi
from apps.reference.models import Prefecture
from apps.reports import selectors as report_selectors
from apps.reports.models import AnnualReport

from . import rules

ZERO = Decimal("0.00")
Kind = LedgerEntry.Kind
# The ledger kinds the funding charts show, in order (matched funds are the units' own money: not the region's).
FUNDING_KINDS = (Kind.ALLOCATION, Kind.EXPENDITURE, Kind.CLAWBACK)
# An evaluation's grade counts once the region has confirmed it (whatever followed: support, rectification…).
GRADED = (
    Evaluation.Status.CONFIRMED,
    Evaluation.Status.SUPPORTED,
    Evaluation.Status.RECTIFYING,
    Evaluation.Status.RECTIFIED,
    Evaluation.Status.RECTIFICATION_FAILED,
    Evaluation.Status.DELISTED,
)
# The KPI statuses of a report's figures, in the chart's order (`patents.kpi` statuses).
KPI_STATUSES = (kpi.MET, kpi.BEHIND, kpi.NOT_REPORTED, kpi.NOT_YET_DUE)


def _url(name: str, *args, **query) -> str:
    url = reverse(name, args=args)
    query = {k: v for k, v in query.items() if v not in ("", None)}
    return f"{url}?{urlencode(query)}" if query else url


def short_name(name: str) -> str:
    """A center's name without the unified prefix every center's name shares (Art. 18), for a chart's axis:
    "内蒙古高价值专利培育中心（稀土新材料·内蒙古大学）" → "稀土新材料·内蒙古大学"."""
    short = name.removeprefix(center_rules.NAME_PREFIX).strip()
    if short.startswith("（") and short.endswith("）"):
        short = short[1:-1]
    return short or name


def centers_url(**query) -> str:
    """The centers' list filtered by `prefecture` (pk), `industry` (pk) or `status` (value)."""
    return _url("centers:list", **query)


# ---------------------------------------------------------------- the region's / a prefecture's picture


@dataclass
class Area:
    is_region: bool
    prefecture: Prefecture | None  # a prefecture office's own
    total_centers: int = 0
    running_centers: int = 0
    map_regions: list = field(default_factory=list)  # [{"name", "value", "url"}] the 12 leagues and cities
    map_points: list = field(default_factory=list)  # [{"name", "value": [lon, lat, count], "url"}] 满洲里, 二连浩特
    by_industry: list = field(default_factory=list)  # [{"name", "value", "url"}]
    by_status: list = field(default_factory=list)  # [{"name", "value", "url"}]
    kpi: dict = field(default_factory=dict)  # {"labels": [center], "series": [{"name", "data": [{value, url}]}]}
    grades: dict = field(default_factory=dict)  # {"labels": [year], "series": [{"name", "data": [{value, url}]}]}
    funding_by_prefecture: dict = field(default_factory=dict)  # {"labels", "series"} (yuan)
    funding_by_center: dict = field(default_factory=dict)  # {"labels", "series"} (yuan)
    funding_totals: dict = field(default_factory=dict)  # {kind: Decimal}
    applications: list = field(default_factory=list)  # [{"name", "value", "url"}]
    demands: list = field(default_factory=list)  # the region only
    reports_due: int = 0
    reports_overdue: int = 0
    rectifications_running: int = 0
    flagged_centers: int = 0  # centers with an open KPI early warning (apps.monitoring)
    high_risk_centers: int = 0  # … of which the warning's level is high risk
    links: dict = field(default_factory=dict)  # the pipeline cards' URLs

    @property
    def allocated(self) -> str:
        return funding.yuan(self.funding_totals.get(Kind.ALLOCATION, ZERO))

    @property
    def spent(self) -> str:
        return funding.yuan(self.funding_totals.get(Kind.EXPENDITURE, ZERO))

    @property
    def clawed_back(self) -> str:
        return funding.yuan(self.funding_totals.get(Kind.CLAWBACK, ZERO))

    def charts(self) -> dict:
        """What the page's `json_script` carries to the charts (money as floats of yuan: display only)."""
        return {
            "map_regions": self.map_regions,
            "map_points": self.map_points,
            "by_industry": self.by_industry,
            "by_status": self.by_status,
            "kpi": self.kpi,
            "grades": self.grades,
            "funding": self.funding_by_prefecture if self.is_region else self.funding_by_center,
            "applications": self.applications,
            "demands": self.demands,
        }


def _series(labels, names, values, urls) -> dict:
    """{"labels": [...], "series": [{"name": names[k], "data": [{"value": values[k][i], "url": urls[k][i]}]}]}"""
    return {
        "labels": [str(label) for label in labels],
        "series": [
            {
                "name": str(names[key]),
                "key": key,
                "data": [
                    {"value": _plain(values[key][i]), "url": urls[key][i] if urls else ""} for i in range(len(labels))
                ],
            }
            for key in names
        ],
    }


def _plain(value):
    return float(value) if isinstance(value, Decimal) else value


def area(user) -> Area:
    """The picture of the centers `user` sees (the region: all; a prefecture office: its own)."""
    is_region = user.role == Role.REGIONAL_OFFICER
    open_flags = Flag.objects.filter(center_id=OuterRef("pk"), state=Flag.State.OPEN)
    centers = list(
        center_selectors.visible_to(user)
        .order_by("name")
        .annotate(
            flagged=Exists(open_flags),
            high_risk=Exists(open_flags.filter(level=Flag.Level.HIGH_RISK)),
        )
        .values(
            "pk", "name", "status", "prefecture_id", "field_industry_id", "field_industry__name", "flagged", "high_risk"
        )
    )
    center_ids = [c["pk"] for c in centers]
    names = {c["pk"]: c["name"] for c in centers}
    prefectures = list(Prefecture.objects.order_by("sort_order", "code"))
    # a prefecture office's own prefecture, from the list just read (not one more query through `user.prefecture`)
    own = None if is_region else next((p for p in prefectures if p.pk == user.prefecture_id), None)
    result = Area(is_region=is_region, prefecture=own)
    result.total_centers = len(centers)
    result.running_centers = sum(1 for c in centers if c["status"] in Center.RUNNING)
    result.flagged_centers = sum(1 for c in centers if c["flagged"])
    result.high_risk_centers = sum(1 for c in centers if c["high_risk"])
    _map(result, centers, prefectures)
    _industries(result, centers)
    _statuses(result, centers)
    reports = _reports(user)
    _kpi(result, names, reports)
    _grades(result, user)
    _funding(result, centers, prefectures, center_ids, names)
    _pipeline(result, user, reports)
    return result


def _map(result: Area, centers, prefectures) -> None:
    counts = defaultdict(int)
    for c in centers:
        counts[c["prefecture_id"]] += 1
    for prefecture in prefectures:
        item = {
            "name": prefecture.name,
            "value": counts[prefecture.pk],
            "url": centers_url(prefecture=prefecture.pk),
        }
        if prefecture.name in rules.POINTS:  # a separately administered city: a point, not an outline
            lon, lat = rules.POINTS[prefecture.name]
            result.map_points.append({**item, "value": [lon, lat, counts[prefecture.pk]]})
        else:
            result.map_regions.append(item)


def _industries(result: Area, centers) -> None:
    counts = defaultdict(int)
    industries = {}  # pk → name, read with the centers
    for c in centers:
        counts[c["field_industry_id"]] += 1
        industries[c["field_industry_id"]] = c["field_industry__name"]
    for pk, n in sorted(counts.items(), key=lambda item: (-item[1], industries.get(item[0], ""))):
        if pk is None:
            result.by_industry.append({"name": _("No industry given"), "value": n, "url": centers_url()})
        else:
            result.by_industry.append({"name": industries[pk], "value": n, "url": centers_url(industry=pk)})


def _statuses(result: Area, centers) -> None:
    counts = defaultdict(int)
    for c in centers:
        counts[c["status"]] += 1
    for value, label in Center.Status.choices:
        if counts[value]:
            result.by_status.append({"name": str(label), "value": counts[value], "url": centers_url(status=value)})


def _reports(user) -> list[tuple]:
    """The user's annual reports, read once for the KPI chart and the pipeline's cards: (center id, year, figures,
    not yet submitted, overdue), newest year first per center. "Not yet submitted": never submitted and still
    editable; "overdue": that and `reports.selectors.overdue_q` (past its due date or flagged by the worker)."""
    due = Q(first_submitted_on__isnull=True, status__in=AnnualReport.EDITABLE)
    return list(
        report_selectors.visible_to(user)
        .annotate(
            is_due=ExpressionWrapper(due, output_field=BooleanField()),
            is_overdue=ExpressionWrapper(due & report_selectors.overdue_q(clock.today()), output_field=BooleanField()),
        )
        .order_by("center_id", "-year")
        .values_list("center_id", "year", "figures", "is_due", "is_overdue")
    )


def _kpi(result: Area, names, reports) -> None:
    """Per center (of `names`), its KPIs by status in its latest annual report's figures (`reports`: `_reports`)."""
    latest = {}
    for center_id, year, figures, _due, _overdue in reports:
        if center_id not in names:
            continue
        kpi_rows = _kpi_rows(figures)
        if center_id not in latest and kpi_rows:
            latest[center_id] = (year, kpi_rows)
    labels, values, urls = [], defaultdict(list), defaultdict(list)
    for center_id, name in names.items():
        if center_id not in latest:
            continue
        year, kpi_rows = latest[center_id]
        labels.append(f"{short_name(name)}（{year}）")
        counts = defaultdict(int)
        for row in kpi_rows:
            counts[row.get("status", "")] += 1
        for status in KPI_STATUSES:
            values[status].append(counts[status])
            urls[status].append(reverse("patents:kpi", args=[center_id]))
    result.kpi = _series(labels, {s: kpi.STATUS_LABELS[s] for s in KPI_STATUSES}, values, urls)
    result.kpi["without"] = len(names) - len(labels)


def _kpi_rows(figures) -> list:
    for group in (figures or {}).get("groups", []):
        if group.get("key") == "kpi":
            return [row for row in group.get("rows", []) if row.get("status") in KPI_STATUSES]
    return []


def _grades(result: Area, user) -> None:
    """Evaluation grades (first attempts, confirmed, as the user may see them) by the year the round's period ends:
    one query over the rounds, each with its count per grade (conditional aggregates). Each bar opens the results'
    list filtered by its year and grade and `attempt=1` (`evaluations:results`), whose rows are the bar's count."""
    grades = dict(Evaluation.Grade.choices)
    graded = (
        evaluation_selectors.visible_to(user)
        .filter(status__in=GRADED, attempt=1)
        .exclude(grade="")
        .order_by()
        .values("pk")
    )
    per_grade = {
        f"n_{index}": Count("evaluations", filter=Q(evaluations__in=graded, evaluations__grade=grade))
        for index, grade in enumerate(grades)
    }
    rounds = (
        EvaluationRound.objects.annotate(year=ExtractYear("period_end"), **per_grade)
        .order_by("period_end", "pk")
        .values_list("year", *per_grade)
    )
    counts = defaultdict(int)
    for year, *numbers in rounds:
        for grade, n in zip(grades, numbers, strict=True):
            counts[(year, grade)] += n
    years = sorted({year for (year, _grade), n in counts.items() if n})
    values = {g: [counts[(y, g)] for y in years] for g in grades}
    # each bar: the results' list of that year and grade, first evaluations (what the bar counts)
    urls = {g: [_url("evaluations:results", year=y, grade=g, attempt=1) for y in years] for g in grades}
    result.grades = _series(years, grades, values, urls)


def _funding(result: Area, centers, prefectures, center_ids, names) -> None:
    """Allocated, spent and clawed back (sums of entries, corrections included), by prefecture and by center."""
    sums = defaultdict(lambda: ZERO)  # (center id, kind) → yuan
    rows = (
        LedgerEntry.objects.filter(center_id__in=center_ids, kind__in=FUNDING_KINDS)
        .order_by()
        .values_list("center_id", "kind")
        .annotate(total=Sum("amount"))
    )
    for center_id, kind, total in rows:
        sums[(center_id, kind)] += funding.cents(total)
    kinds = {k: Kind(k).label for k in FUNDING_KINDS}
    kinds[Kind.ALLOCATION] = _("Allocated")
    kinds[Kind.EXPENDITURE] = _("Spent")
    kinds[Kind.CLAWBACK] = _("Clawed back")
    result.funding_totals = {k: sum((sums[(pk, k)] for pk in center_ids), ZERO) for k in FUNDING_KINDS}
    prefecture_of = {c["pk"]: c["prefecture_id"] for c in centers}
    by_prefecture = defaultdict(lambda: ZERO)
    for (center_id, kind), total in sums.items():
        by_prefecture[(prefecture_of[center_id], kind)] += total
    shown = [p for p in prefectures if any(by_prefecture[(p.pk, k)] for k in FUNDING_KINDS)]
    result.funding_by_prefecture = _series(
        [p.name for p in shown],
        kinds,
        {k: [by_prefecture[(p.pk, k)] for p in shown] for k in FUNDING_KINDS},
        {k: [centers_url(prefecture=p.pk) for p in shown] for k in FUNDING_KINDS},
    )
    result.funding_by_center = _series(
        [short_name(names[pk]) for pk in center_ids],
        kinds,
        {k: [sums[(pk, k)] for pk in center_ids] for k in FUNDING_KINDS},
        {k: [reverse("centers:funding", args=[pk]) for pk in center_ids] for k in FUNDING_KINDS},
    )


def _pipeline(result: Area, user, reports) -> None:
    statuses = dict(Application.Status.choices)
    counts = dict(
        application_selectors.visible_to(user).order_by().values_list("status").annotate(n=Count("pk")).order_by()
    )
    result.applications = [
        {"name": str(statuses[s]), "value": counts[s], "url": _url("applications:list", status=s)}
        for s in Application.Status.values
        if counts.get(s)
    ]
    if result.is_region:  # the demand pool is the bureau's (Art. 8)
        labels = dict(Demand.Status.choices)
        counts = dict(Demand.objects.order_by().values_list("status").annotate(n=Count("pk")).order_by())
        result.demands = [
            {"name": str(labels[s]), "value": counts[s], "url": _url("demands:pool", status=s)}
            for s in Demand.Status.values
            if counts.get(s)
        ]
    result.reports_due = sum(1 for *_row, due, _overdue in reports if due)
    result.reports_overdue = sum(1 for *_row, overdue in reports if overdue)
    result.rectifications_running = (
        supervision.rectifications_visible_to(user).filter(status__in=center_selectors.RECTIFICATION_OPEN).count()
    )
    result.links = {
        "reports_due": _url("reports:list", submitted="false"),
        "reports_overdue": _url("reports:list", submitted="false", overdue="true"),
        "rectifications": _url("centers:supervision_overview"),
        "centers": centers_url(),
        "running": centers_url(status=Center.Status.UNDER_CONSTRUCTION),
        "flags": _url("monitoring:flags", state=Flag.State.OPEN),
        "flags_high": _url("monitoring:flags", state=Flag.State.OPEN, level=Flag.Level.HIGH_RISK),
    }


# ---------------------------------------------------------------- one center


@dataclass(frozen=True)
class Deadline:
    on: date
    label: str
    url: str

    @property
    def is_overdue(self) -> bool:
        return self.on < clock.today()

    @property
    def days(self) -> int:
        return (self.on - clock.today()).days


@dataclass
class CenterFigures:
    center: Center
    table: object  # patents.kpi.KPITable
    kpi: dict  # {"labels": [KPI], "series": [{"name": "第n年", "data": [{value: % of target, url}]}]}
    funding: dict  # {"labels": [year], "series": [...]} (yuan)
    balance: object  # centers.funding.Balance, all years
    deadlines: list  # [Deadline], soonest first

    @property
    def amounts(self) -> dict:
        """The balance's sums written as the ledger writes them ("1,000,000.00")."""
        b = self.balance
        return {key: funding.yuan(getattr(b, key)) for key in ("allocated", "spent", "clawed_back", "available")}

    def charts(self) -> dict:
        return {"kpi": self.kpi, "center_funding": self.funding}


def center(center: Center) -> CenterFigures:
    """One center's figures: `center` as read by `center_selectors.visible_to` with `contract__current_version`."""
    table = kpi.table(center)
    ledger = funding.ledger_of(center)
    return CenterFigures(
        center=center,
        table=table,
        kpi=_kpi_progress(center, table),
        funding=_center_funding(center, ledger),
        balance=ledger.balance(),
        deadlines=_deadlines(center, table, ledger),
    )


def _kpi_progress(center, table) -> dict:
    """Per KPI and contract year: the cumulative actual as a percentage of that year's cumulative target (None where
    the year has no target or not started); each bar opens the records behind the cumulative figure."""
    labels = [
        f"{row.indicator.name}（{row.indicator.unit}）" if row.indicator.unit else row.indicator.name
        for row in table.rows
    ]
    series = []
    for index, year in enumerate(table.years):
        data = []
        for row in table.rows:
            cell = row.cells[index]
            data.append(
                {
                    "value": _plain(cell.achievement) if cell.achievement is not None else None,
                    "target": _plain(cell.target) if cell.target is not None else None,
                    "actual": _plain(cell.cumulative) if cell.cumulative is not None else None,
                    "status": str(cell.status_label),
                    "url": reverse("patents:kpi_records", args=[center.pk, row.indicator.pk, year.number]),
                }
            )
        series.append(
            {"name": _("Contract year %(number)s") % {"number": year.number}, "key": str(year.number), "data": data}
        )
    return {"labels": labels, "series": series}


def _center_funding(center, ledger) -> dict:
    years = sorted(ledger.years())
    balances = {year: ledger.balance(year) for year in years}
    names = {"allocated": _("Allocated"), "spent": _("Spent"), "clawed_back": _("Clawed back")}
    url = reverse("centers:funding", args=[center.pk])
    return _series(
        years,
        names,
        {key: [getattr(balances[y], key) for y in years] for key in names},
        {key: [f"{url}?year={y}" for y in years] for key in names},
    )


def _deadlines(center, table, ledger) -> list[Deadline]:
    """The center's coming (and missed) dates: annual reports not yet submitted, rectifications running, clawbacks
    still owed, tranches not fully allocated, the current contract year's end (its KPI targets fall due) and the
    term's end. Soonest first."""
    found = []
    for pk, year, due_on in (
        AnnualReport.objects.filter(center_id=center.pk, first_submitted_on__isnull=True)
        .order_by("due_on")
        .values_list("pk", "year", "due_on")
    ):
        found.append(
            Deadline(
                due_on, _("Annual work report %(year)s due") % {"year": year}, reverse("reports:detail", args=[pk])
            )
        )
    for pk, due_on in (
        Rectification.objects.filter(center_id=center.pk, status__in=center_selectors.RECTIFICATION_OPEN)
        .order_by("due_on")
        .values_list("pk", "due_on")
    ):
        found.append(Deadline(due_on, _("Rectification due"), reverse("centers:rectification", args=[center.pk, pk])))
    money = DecimalField(max_digits=14, decimal_places=2)
    corrected = LedgerEntry.objects.filter(corrects_id=OuterRef("pk")).values("amount")[:1]
    received = (
        LedgerEntry.objects.filter(settles_id=OuterRef("pk"))
        .order_by()
        .values("settles_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    clawbacks = (
        LedgerEntry.objects.filter(center_id=center.pk, kind=Kind.CLAWBACK, corrects__isnull=True)
        .annotate(
            corrected=Coalesce(Subquery(corrected, output_field=money), Value(ZERO, output_field=money)),
            received=Coalesce(Subquery(received, output_field=money), Value(ZERO, output_field=money)),
        )
        .order_by("due_on")
    )
    for entry in clawbacks:
        owed = entry.amount + entry.corrected - entry.received
        if owed > 0 and entry.due_on:
            found.append(
                Deadline(
                    entry.due_on,
                    _("Clawback of %(amount)s yuan due") % {"amount": funding.yuan(owed)},
                    reverse("centers:funding_entry", args=[center.pk, entry.pk]),
                )
            )
    if table.version is not None:
        allocated = ledger.allocated_by_tranche()
        for tranche in funding.tranches_of(center, table.version, allocated=allocated):
            if tranche.remaining > 0:
                found.append(
                    Deadline(
                        tranche.planned_on,
                        _("Tranche %(number)s planned (%(amount)s yuan still to allocate)")
                        % {"number": tranche.number, "amount": funding.yuan(tranche.remaining)},
                        reverse("centers:funding", args=[center.pk]),
                    )
                )
        current = table.current_year
        if current is not None and current.ends_on >= clock.today():
            found.append(
                Deadline(
                    current.ends_on,
                    _("End of contract year %(number)s: its KPI targets fall due") % {"number": current.number},
                    reverse("patents:kpi", args=[center.pk]),
                )
            )
        if table.version.term_ends_on:
            found.append(
                Deadline(
                    table.version.term_ends_on, _("End of the term"), reverse("centers:contract", args=[center.pk])
                )
            )
    return sorted(found, key=lambda d: (d.on, d.label))


__all__ = ["Area", "CenterFigures", "Deadline", "area", "center", "centers_url"]
