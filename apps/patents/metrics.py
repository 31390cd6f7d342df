"""The KPI engine's metrics (Art. 16, "the objective data of actual operation"): every figure a contract KPI can be
bound to, computed from the patent records, never typed.

    METRICS["invention_grants"].compute(center, date(2024, 1, 1), date(2024, 12, 31))  # → Decimal("7")
    METRICS["invention_grants"].records(center, date(2024, 1, 1), date(2024, 12, 31))  # → the 7 patents

A `Metric` is `(key, label, unit, kind, source, terms, figure, records, …)`:

- `compute(center, start, end) -> Decimal | None`: the figure over the window `start`–`end`, BOTH DAYS INCLUDED, in
  the metric's `unit` (None only for a ratio with nothing to divide by);
- `records(center, start, end) -> QuerySet`: the rows behind the figure (the click-through), of `record_type`
  ("patent", "event", "standard", "alliance");
- `many(center, windows) -> list`: the same figure for several windows in ONE query;
- `kind`: "flow" counts what happened inside the window (a filing, a grant, a licence); "stock" is the state on the
  window's last day (what the center holds then); "ratio" is a percentage over the window.

How figures are computed: `figures(center, keys, windows) -> {key: {window: figure}}` asks several metrics for
several windows at once (`kpi.table` asks every bound metric for every contract year and every cumulative window).
Each metric names its `source` (`SOURCES`: the center's patents; its utilization events; the center's own row, from
which the small registers of standards and alliances are counted by scalar subqueries) and its `terms`: the
conditional aggregates (`Count`/`Sum` with `filter=Q(…)`) of one window over the source's rows, which `figure` turns
into the figure. All the terms of all the metrics and windows that read one source go into ONE query, so a whole KPI
table costs one query per source (three at most) plus the region's high-value settings (two, only when that metric
is asked), whatever the number of KPIs, contract years and records. A holding (`by_end`) is computed once per
distinct last day.

Units are those contract KPIs are written in (`applications.kpis`, `calls.TopicIndicator`): 件 for patents, 项 for
standards and transactions, 个 for alliances, 万元 for money (the records keep yuan: 1 万元 = 10 000 yuan, converted
with Decimal, exact), % for a ratio. `convert(value, from_unit, to_unit)` turns a figure into the unit a KPI is
written in (元 ↔ 万元 ↔ 亿元; 件/项/个/… are all counts); `compatible(metric_unit, kpi_unit)` says whether it can.

Choices of what counts, each documented on its metric:
- a patent's dates are its own record's (filing_date, grant_date); a record entered today with a past date counts
  on that past date (the figure "as of" a date is what the records say happened up to it);
- invention applications and grants are Chinese (office CN, CNIPA) invention patents, PCT national-phase entries
  into China included (they are CN applications);
- a PCT application counts once, by its international application number (`pct_number`, else the record's own
  number), however many national-phase records the portfolio holds for it;
- an overseas filing is a record at an office other than CN and WO (US, EP, JP, …): a direct foreign filing or a PCT
  national/regional phase entered abroad, each its own record, dated by its filing date. The PCT international
  application itself (office WO) is a PCT application, not an overseas filing; family members known only from a
  database's family list (`FamilyMember`, no date) are not counted (they cannot be placed in a contract year)."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, IntegerField, Min, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from apps.centers.models import Center

from .models import Alliance, Exploitation, Patent, PatentGrade, Standard

ZERO = Decimal("0")
CENT = Decimal("0.01")
HUNDRED = Decimal("100")
TEN_THOUSAND = Decimal("10000")
Window = tuple[date, date]  # (start, end), both days included

FLOW, STOCK, RATIO = "flow", "stock", "ratio"
KINDS = (FLOW, STOCK, RATIO)

# ---------------------------------------------------------------- units

COUNT_UNITS = frozenset({"件", "项", "个", "家", "次", "笔", "份"})
MONEY_UNITS = {"元": Decimal("1"), "万元": TEN_THOUSAND, "亿元": Decimal("100000000")}  # yuan per unit
PERCENT_UNITS = frozenset({"%", "％"})


def _family(unit: str) -> str:
    unit = (unit or "").strip()
    if unit in COUNT_UNITS:
        return "count"
    if unit in MONEY_UNITS:
        return "money"
    if unit in PERCENT_UNITS:
        return "percent"
    return ""


def compatible(metric_unit: str, kpi_unit: str) -> bool:
    """Whether a figure in `metric_unit` can be written in `kpi_unit` (a count as a count, money as money, a
    percentage as a percentage). An unknown unit ("株", "人次") fits no metric."""
    family = _family(metric_unit)
    return bool(family) and family == _family(kpi_unit)


def convert(value: Decimal | None, from_unit: str, to_unit: str) -> Decimal | None:
    """`value` in `from_unit` written in `to_unit`: money exactly (12.5 万元 → 125000 元), counts and percentages as
    they are. Raises ValueError when the units are not compatible."""
    if value is None:
        return None
    if not compatible(from_unit, to_unit):
        raise ValueError(f"{from_unit} → {to_unit}")
    from_unit, to_unit = from_unit.strip(), to_unit.strip()
    if from_unit in MONEY_UNITS and from_unit != to_unit:
        return value * MONEY_UNITS[from_unit] / MONEY_UNITS[to_unit]
    return value


def wan_yuan(yuan) -> Decimal:
    """Yuan (a sum of amounts with two decimals) → 万元, exact (Decimal): 1 234 567.89 yuan → 123.456789 万元. The
    sum is rounded to the fen first: SQLite sums decimals as floats, every amount has two decimals."""
    return Decimal(yuan or 0).quantize(CENT) / TEN_THOUSAND


# ---------------------------------------------------------------- the metric

Terms = Callable[[object, Window, "Shared"], dict]  # (center, window, shared) -> {name: aggregate expression}


@dataclass(frozen=True)
class Metric:
    key: str
    label: object  # lazy Chinese label
    unit: str
    kind: str  # FLOW | STOCK | RATIO
    source: str  # the rows its figure is aggregated over: a key of SOURCES
    terms: Terms  # the aggregates of one window over the source's rows
    figure: Callable[[dict], Decimal | None]  # {name: the aggregate's value} → the figure
    records: Callable[[object, date, date], QuerySet]
    record_type: str  # "patent" | "event" | "standard" | "alliance"
    description: object = ""  # what counts, which date (shown on the bindings page)
    names: tuple[tuple[str, ...], ...] = field(default=())  # KPI name fragments it fits (all of one tuple)
    by_end: bool = False  # the figure depends on the window's last day only (a holding on that day)

    def many(self, center, windows: list[Window]) -> list:
        """The figure for each of `windows`, in ONE query (plus the high-value settings, read once)."""
        found = figures(center, [self.key], windows)[self.key]
        return [found[window] for window in windows]

    def compute(self, center, start: date, end: date) -> Decimal | None:
        """The figure over `start`–`end` (both included), in `unit`."""
        return self.many(center, [(start, end)])[0]

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    @property
    def is_count(self) -> bool:
        """A count: the figure is the number of `records` (the records page counts them instead of computing)."""
        return _family(self.unit) == "count"


# ---------------------------------------------------------------- computing: one query per source


class Shared:
    """What the terms of one computation share, read once when first asked: the region's high-value settings."""

    def __init__(self):
        self._high_value = None

    @property
    def high_value(self):
        if self._high_value is None:
            from . import high_value

            self._high_value = high_value.load_context()
        return self._high_value


@dataclass(frozen=True)
class Source:
    """The rows a group of metrics is aggregated over. `rows(center, span)`: a queryset (`span`: the first and
    last day any window of the computation covers). `per_row`: the terms are scalar subqueries read from the one
    row `rows` gives (the center's own: small registers counted by index, several tables in one query); otherwise
    they are aggregates over all the rows."""

    rows: Callable[[object, Window], QuerySet]
    per_row: bool = False

    def read(self, center, span: Window, expressions: dict) -> dict:
        queryset = self.rows(center, span).order_by()
        if self.per_row:
            return queryset.values(**expressions).get()
        return queryset.aggregate(**expressions)


def _events_in(center, span: Window) -> QuerySet:
    """The center's utilization events of every kind dated within `span`, as `utilization.events` (the utilization
    part's one definition of what counts) gives them; each metric's terms pick the kinds and the window."""
    from . import utilization

    return utilization.events(center, None, *span)


SOURCES = {
    "patent": Source(lambda center, span: Patent.objects.filter(center_id=center.pk)),
    "event": Source(_events_in),
    "center": Source(lambda center, span: Center.objects.filter(pk=center.pk), per_row=True),
}


def figures(center, keys, windows: list[Window]) -> dict[str, dict[Window, Decimal | None]]:
    """{metric key: {window: figure}} for the metrics `keys` over every window: ONE query per source the metrics
    read (patents; utilization events; the center's registers of standards and alliances), whatever the number of
    metrics, windows and records, plus the region's high-value settings when the high-value metric is asked."""
    keys = list(dict.fromkeys(keys))
    windows = list(dict.fromkeys(windows))
    found: dict[str, dict] = {key: {} for key in keys}
    if not windows:
        return found
    shared = Shared()
    groups = defaultdict(list)
    for key in keys:
        groups[METRICS[key].source].append(METRICS[key])
    for source_key, members in groups.items():
        expressions: dict[str, object] = {}
        asked: dict[tuple[str, Window], dict[str, str]] = {}
        for metric in members:
            for window in windows:
                scope = _scope(metric, window)
                if (metric.key, scope) in asked:
                    continue
                aliases = {}
                for name, expression in metric.terms(center, scope, shared).items():
                    aliases[name] = alias = f"t{len(expressions)}"
                    expressions[alias] = expression
                asked[(metric.key, scope)] = aliases
        scopes = [scope for _key, scope in asked]
        row = SOURCES[source_key].read(center, _span(scopes), expressions)
        for metric in members:
            for window in windows:
                aliases = asked[(metric.key, _scope(metric, window))]
                found[metric.key][window] = metric.figure({name: row[alias] for name, alias in aliases.items()})
    return found


def _scope(metric: Metric, window: Window) -> Window:
    """The window a figure depends on: the last day alone for a holding."""
    return (window[1], window[1]) if metric.by_end else window


def _span(windows: list[Window]) -> Window:
    return min(s for s, _e in windows), max(e for _s, e in windows)


def _between(date_field: str, window: Window) -> Q:
    start, end = window
    return Q(**{f"{date_field}__gte": start, f"{date_field}__lte": end})


def _in(qs: QuerySet, date_field: str, start: date, end: date) -> QuerySet:
    return qs.filter(_between(date_field, (start, end)))


def _number(values: dict) -> Decimal:
    return Decimal(values["n"] or 0)


def _counted(condition: Q, date_field: str, expression="pk", *, distinct=False) -> Terms:
    """The rows meeting `condition` whose `date_field` lies in the window (distinct values of `expression`)."""

    def terms(center, window, shared):
        return {"n": Count(expression, filter=condition & _between(date_field, window), distinct=distinct)}

    return terms


def _scalar_count(queryset: QuerySet, condition: Q):
    """The number of rows of `queryset` (one center's) meeting `condition`, as a scalar subquery (0 when none)."""
    counted = queryset.filter(condition).order_by().values("center_id").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


# ---------------------------------------------------------------- patents (flows)


def _patents(center) -> QuerySet:
    return Patent.objects.filter(center_id=center.pk)


CN_INVENTION = Q(patent_type=Patent.Type.INVENTION, country="CN")


def _cn_inventions(center) -> QuerySet:
    return _patents(center).filter(CN_INVENTION)


def _pct(center) -> QuerySet:
    return _patents(center).filter(is_pct=True)


# The PCT international application a record belongs to: its PCT number, else its own number (a WO record).
PCT_KEY = Coalesce(NullIf("pct_number", Value("")), "application_number")
FOREIGN_EXCLUDED = ("CN", "WO")
OVERSEAS = ~Q(country__in=FOREIGN_EXCLUDED)


def _overseas(center) -> QuerySet:
    return _patents(center).filter(OVERSEAS)


def _pct_records(center, start, end) -> QuerySet:
    """One record per PCT application filed in the window (the first of its records there), as the figure counts."""
    within = _in(_pct(center), "filing_date", start, end).annotate(pct_key=PCT_KEY)
    firsts = within.order_by().values("pct_key").annotate(first=Min("id")).values("first")
    return _patents(center).filter(id__in=firsts).order_by("-filing_date", "-id")


# ---------------------------------------------------------------- patents (stocks)


def _high_value_terms(center, window, shared):
    """The center's high-value inventions on the window's last day (`high_value.high_value_queryset`, one
    uncorrelated subquery per last day)."""
    from . import high_value

    held = high_value.high_value_queryset(_patents(center), window[1], shared.high_value).values("pk")
    return {"n": Count("pk", filter=Q(pk__in=held))}


def _high_value_records(center, start, end):
    from . import high_value

    return high_value.high_value_queryset(_patents(center), end).order_by("-filing_date", "-id")


def _grade_a_held(center, end: date) -> QuerySet:
    """The patents (ids) of `center` whose grade in force on `end` is A: their latest grading dated on or before
    `end` (the latest date, then the latest entry) says A. One uncorrelated subquery (an anti-join over the center's
    gradings), computed once per last day, never a lookup per patent."""
    later = PatentGrade.objects.filter(patent_id=OuterRef("patent_id"), graded_on__lte=end).filter(
        Q(graded_on__gt=OuterRef("graded_on")) | Q(graded_on=OuterRef("graded_on"), id__gt=OuterRef("id"))
    )
    return (
        PatentGrade.objects.filter(patent__center_id=center.pk, graded_on__lte=end, grade="A")
        .filter(~Exists(later))
        .values("patent_id")
    )


def _grade_a_terms(center, window, shared):
    return {"n": Count("pk", filter=Q(pk__in=_grade_a_held(center, window[1])))}


def _grade_a_records(center, start, end):
    return _patents(center).filter(pk__in=_grade_a_held(center, end)).order_by("-filing_date", "-id")


# ---------------------------------------------------------------- utilization events


def _event_records(kinds):
    def records(center, start, end):
        from . import utilization

        return (
            utilization.events(center, list(kinds), start, end).select_related("patent").order_by("-starts_on", "-id")
        )

    return records


def _event_counts(kinds) -> Terms:
    return _counted(Q(kind__in=list(kinds)), "starts_on")


def _event_amounts(kinds) -> Terms:
    def terms(center, window, shared):
        condition = Q(kind__in=list(kinds)) & _between("starts_on", window)
        return {"yuan": Coalesce(Sum("amount", filter=condition), Value(ZERO))}

    return terms


def _wan_yuan(values: dict) -> Decimal:
    return wan_yuan(values["yuan"])


LICENSE, ASSIGNMENT, PLEDGE = Exploitation.Kind.LICENSE, Exploitation.Kind.ASSIGNMENT, Exploitation.Kind.PLEDGE

# ---------------------------------------------------------------- standards, alliances, assessment


STANDARD_COUNTED = (Standard.Status.PUBLISHED, Standard.Status.IN_FORCE)


def _standards(center) -> QuerySet:
    return Standard.objects.filter(center_id=center.pk, status__in=STANDARD_COUNTED)


def _standard_terms(center, window, shared):
    return {"n": _scalar_count(_standards(center), _between("published_on", window))}


def _active(window: Window) -> Q:
    """An alliance or pool the center belonged to on at least one day of the window."""
    start, end = window
    return Q(joined_on__lte=end) & (Q(left_on__isnull=True) | Q(left_on__gte=start))


def _alliances_active(center, start, end) -> QuerySet:
    """Alliances and pools the center belonged to on at least one day of start–end."""
    return Alliance.objects.filter(center_id=center.pk).filter(_active((start, end)))


def _alliance_terms(center, window, shared):
    return {"n": _scalar_count(Alliance.objects.filter(center_id=center.pk), _active(window))}


def _coverage_terms(center, window, shared):
    """`assessment.coverage`'s figure as two aggregates: the invention applications filed in the window (any
    office) and those of them assessed before filing (`assessment.assessed_patents_q`)."""
    from . import assessment

    filed = Q(patent_type=Patent.Type.INVENTION) & _between("filing_date", window)
    return {
        "filed": Count("pk", filter=filed),
        "assessed": Count("pk", filter=filed & assessment.assessed_patents_q()),
    }


def _coverage_figure(values: dict) -> Decimal | None:
    """Assessed / filed × 100, rounded half-up to two decimals (`assessment.coverage`); None when nothing was filed."""
    if not values["filed"]:
        return None
    return (Decimal(values["assessed"]) * HUNDRED / Decimal(values["filed"])).quantize(CENT, rounding=ROUND_HALF_UP)


def _coverage_records(center, start, end):
    """The assessed filings of the window (the numerator of `assessment.coverage`), in one query."""
    from . import assessment

    return (
        assessment.filed_inventions(center, start, end)
        .filter(assessment.assessed_patents_q())
        .order_by("-filing_date", "-id")
    )


# ---------------------------------------------------------------- the registry


def _patent_flow(condition: Q, date_field: str):
    """(terms, records) of the patents meeting `condition` whose `date_field` lies in the window."""

    def records(center, start, end):
        return _in(_patents(center).filter(condition), date_field, start, end).order_by(f"-{date_field}", "-id")

    return _counted(condition, date_field), records


def _metric(key, label, unit, kind, source, terms, figure, records, record_type, description, names=(), **more):
    return Metric(key, label, unit, kind, source, terms, figure, records, record_type, description, names, **more)


_filings = _patent_flow(CN_INVENTION, "filing_date")
_grants = _patent_flow(CN_INVENTION, "grant_date")
_overseas_flow = _patent_flow(OVERSEAS, "filing_date")

METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        _metric(
            "invention_filings",
            _("Invention applications filed"),
            "件",
            FLOW,
            "patent",
            _filings[0],
            _number,
            _filings[1],
            "patent",
            _(
                "Chinese invention applications (office CN, type invention, PCT entries into China included) whose "
                "filing date is in the period."
            ),
            (("发明", "申请"),),
        ),
        _metric(
            "invention_grants",
            _("Invention patents granted"),
            "件",
            FLOW,
            "patent",
            _grants[0],
            _number,
            _grants[1],
            "patent",
            _("Chinese invention patents (office CN, type invention) whose grant date is in the period."),
            (("发明", "授权"),),
        ),
        _metric(
            "pct_applications",
            _("PCT applications"),
            "件",
            FLOW,
            "patent",
            _counted(Q(is_pct=True), "filing_date", PCT_KEY, distinct=True),
            _number,
            _pct_records,
            "patent",
            _(
                "PCT international applications filed in the period (filing date), each counted once by its "
                "international application number however many national-phase records it has."
            ),
            (("PCT",),),
        ),
        _metric(
            "overseas_filings",
            _("Overseas patent filings"),
            "件",
            FLOW,
            "patent",
            _overseas_flow[0],
            _number,
            _overseas_flow[1],
            "patent",
            _(
                "Records at an office other than CN and WO (direct foreign filings and PCT national phases entered "
                "abroad, each its own record) whose filing date is in the period. Family members without a record "
                "of their own are not counted."
            ),
            (("海外",), ("国外",), ("境外",), ("国际", "布局")),
        ),
        _metric(
            "high_value",
            _("High-value invention patents held"),
            "件",
            STOCK,
            "patent",
            _high_value_terms,
            _number,
            _high_value_records,
            "patent",
            _(
                "Valid invention patents that meet at least one of CNIPA's five high-value categories on the last day "
                "of the period (each counted once)."
            ),
            (("高价值",),),
            by_end=True,
        ),
        _metric(
            "grade_a",
            _("Grade-A (core) patents held"),
            "件",
            STOCK,
            "patent",
            _grade_a_terms,
            _number,
            _grade_a_records,
            "patent",
            _("Patents whose latest grading dated on or before the last day of the period is A (core)."),
            (("A级",), ("核心专利",), ("一级",)),
            by_end=True,
        ),
        _metric(
            "licences_and_assignments",
            _("Licences and assignments (number)"),
            "项",
            FLOW,
            "event",
            _event_counts((LICENSE, ASSIGNMENT)),
            _number,
            _event_records((LICENSE, ASSIGNMENT)),
            "event",
            _("Licence and assignment events (any licence type) whose date is in the period."),
            (("许可", "转让"), ("转移", "转化")),
        ),
        _metric(
            "licence_and_assignment_amount",
            _("Licence and assignment income"),
            "万元",
            FLOW,
            "event",
            _event_amounts((LICENSE, ASSIGNMENT)),
            _wan_yuan,
            _event_records((LICENSE, ASSIGNMENT)),
            "event",
            _("The amounts of the licence and assignment events dated in the period, in 10 000 yuan."),
            (("许可", "转让"), ("转移", "转化")),
        ),
        _metric(
            "licences",
            _("Licences (number)"),
            "项",
            FLOW,
            "event",
            _event_counts((LICENSE,)),
            _number,
            _event_records((LICENSE,)),
            "event",
            _("Licence events (exclusive, sole, non-exclusive or open licence) whose date is in the period."),
            (("许可",),),
        ),
        _metric(
            "licence_amount",
            _("Licence fees"),
            "万元",
            FLOW,
            "event",
            _event_amounts((LICENSE,)),
            _wan_yuan,
            _event_records((LICENSE,)),
            "event",
            _("The amounts of the licence events dated in the period, in 10 000 yuan."),
            (("许可",),),
        ),
        _metric(
            "assignments",
            _("Assignments (number)"),
            "项",
            FLOW,
            "event",
            _event_counts((ASSIGNMENT,)),
            _number,
            _event_records((ASSIGNMENT,)),
            "event",
            _("Assignment events whose date is in the period."),
            (("转让",),),
        ),
        _metric(
            "assignment_amount",
            _("Assignment prices"),
            "万元",
            FLOW,
            "event",
            _event_amounts((ASSIGNMENT,)),
            _wan_yuan,
            _event_records((ASSIGNMENT,)),
            "event",
            _("The amounts of the assignment events dated in the period, in 10 000 yuan."),
            (("转让",),),
        ),
        _metric(
            "pledge_amount",
            _("Pledge financing"),
            "万元",
            FLOW,
            "event",
            _event_amounts((PLEDGE,)),
            _wan_yuan,
            _event_records((PLEDGE,)),
            "event",
            _("The amounts of the pledge financing events dated (start of the pledge) in the period, in 10 000 yuan."),
            (("质押",),),
        ),
        _metric(
            "standards",
            _("Standards"),
            "项",
            FLOW,
            "center",
            _standard_terms,
            _number,
            lambda center, start, end: _in(_standards(center), "published_on", start, end).order_by(
                "-published_on", "number"
            ),
            "standard",
            _(
                "Standards the center took part in (any level and role), published or in force, published in the "
                "period."
            ),
            (("标准",),),
        ),
        _metric(
            "alliances",
            _("Alliances and patent pools"),
            "个",
            STOCK,
            "center",
            _alliance_terms,
            _number,
            lambda center, start, end: _alliances_active(center, start, end).order_by("kind", "name"),
            "alliance",
            _(
                "Industry IP alliances and patent pools the center belonged to (as initiator or member) on at least "
                "one day of the period."
            ),
            (("联盟",), ("专利池",)),
        ),
        _metric(
            "assessment_coverage",
            _("Pre-filing assessment coverage"),
            "%",
            RATIO,
            "patent",
            _coverage_terms,
            _coverage_figure,
            _coverage_records,
            "patent",
            _(
                "The share of the invention applications filed in the period that had a pre-filing assessment, in "
                "percent (no figure when nothing was filed)."
            ),
            (("评估",),),
        ),
    )
}


def choices() -> list[tuple[str, object]]:
    """(key, label with unit) of every metric, in the registry's order."""
    return [(m.key, f"{m.label}（{m.unit}）") for m in METRICS.values()]


# The order suggestions are tried in: the most specific names first ("PCT国际专利申请量" is a PCT KPI, not an
# invention-application one; "专利许可、转让" is both kinds together).
SUGGESTION_ORDER = (
    "pct_applications",
    "overseas_filings",
    "high_value",
    "grade_a",
    "pledge_amount",
    "licences_and_assignments",
    "licence_and_assignment_amount",
    "licences",
    "licence_amount",
    "assignments",
    "assignment_amount",
    "standards",
    "alliances",
    "assessment_coverage",
    "invention_grants",
    "invention_filings",
)


def suggest(name: str, unit: str) -> str:
    """The metric a KPI named `name`, written in `unit`, most likely is: the first metric (`SUGGESTION_ORDER`) with
    a name rule whose fragments all occur in the name and a compatible unit; "" when none fits ("自主知识产权菌种")."""
    name = name or ""
    for key in SUGGESTION_ORDER:
        metric = METRICS[key]
        if not compatible(metric.unit, unit):
            continue
        if any(all(fragment in name for fragment in rule) for rule in metric.names):
            return metric.key
    return ""
