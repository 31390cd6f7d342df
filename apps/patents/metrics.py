"""The KPI engine's metrics (Art. 16, "the objective data of actual operation"): every figure a contract KPI can be
bound to, computed from the patent records, never typed.

    METRICS["invention_grants"].compute(center, date(2024, 1, 1), date(2024, 12, 31))  # → Decimal("7")
    METRICS["invention_grants"].records(center, date(2024, 1, 1), date(2024, 12, 31))  # → the 7 patents

A `Metric` is `(key, label, unit, kind, compute, records)`:

- `compute(center, start, end) -> Decimal | None`: the figure over the window `start`–`end`, BOTH DAYS INCLUDED, in
  the metric's `unit` (None only for a ratio with nothing to divide by);
- `records(center, start, end) -> QuerySet`: the rows behind the figure (the click-through), of `record_type`
  ("patent", "event", "standard", "alliance");
- `many(center, windows) -> list`: the same figure for several windows in ONE query (`kpi.table` asks each bound
  metric once for every year and every cumulative window: its cost does not depend on the number of patents);
- `kind`: "flow" counts what happened inside the window (a filing, a grant, a licence); "stock" is the state on the
  window's last day (what the center holds then); "ratio" is a percentage over the window.

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

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from .models import Alliance, Exploitation, Patent, PatentGrade, Standard

ZERO = Decimal("0")
CENT = Decimal("0.01")
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


@dataclass(frozen=True)
class Metric:
    key: str
    label: object  # lazy Chinese label
    unit: str
    kind: str  # FLOW | STOCK | RATIO
    many: Callable[[object, list[Window]], list]
    records: Callable[[object, date, date], QuerySet]
    record_type: str  # "patent" | "event" | "standard" | "alliance"
    description: object = ""  # what counts, which date (shown on the bindings page)
    names: tuple[tuple[str, ...], ...] = field(default=())  # KPI name fragments it fits (all of one tuple)

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


def _distinct(windows: list[Window]) -> list[Window]:
    return list(dict.fromkeys(windows))


def _span(windows: list[Window]) -> Window:
    return min(s for s, _e in windows), max(e for _s, e in windows)


def _aggregated(qs: QuerySet, date_field: str, windows: list[Window], aggregate: Callable[[Q], object]) -> list:
    """`aggregate(filter)` over `qs` for each window (on `date_field`, both days included), in ONE query."""
    if not windows:
        return []
    keys = _distinct(windows)
    names = {window: f"w{i}" for i, window in enumerate(keys)}
    row = qs.order_by().aggregate(
        **{
            names[(start, end)]: aggregate(Q(**{f"{date_field}__gte": start, f"{date_field}__lte": end}))
            for start, end in keys
        }
    )
    return [row[names[window]] for window in windows]


def _count(expression="pk", *, distinct=False):
    return lambda condition: Count(expression, filter=condition, distinct=distinct)


def _amount(condition):
    return Coalesce(Sum("amount", filter=condition), Value(ZERO))


def _counts(qs, date_field, windows, expression="pk", *, distinct=False) -> list[Decimal]:
    return [Decimal(n) for n in _aggregated(qs, date_field, windows, _count(expression, distinct=distinct))]


def _in(qs: QuerySet, date_field: str, start: date, end: date) -> QuerySet:
    return qs.filter(**{f"{date_field}__gte": start, f"{date_field}__lte": end})


# ---------------------------------------------------------------- patents (flows)


def _patents(center) -> QuerySet:
    return Patent.objects.filter(center_id=center.pk)


def _cn_inventions(center) -> QuerySet:
    return _patents(center).filter(patent_type=Patent.Type.INVENTION, country="CN")


def _pct(center) -> QuerySet:
    return _patents(center).filter(is_pct=True)


# The PCT international application a record belongs to: its PCT number, else its own number (a WO record).
PCT_KEY = Coalesce(NullIf("pct_number", Value("")), "application_number")
FOREIGN_EXCLUDED = ("CN", "WO")


def _overseas(center) -> QuerySet:
    return _patents(center).exclude(country__in=FOREIGN_EXCLUDED)


def _pct_records(center, start, end) -> QuerySet:
    """One record per PCT application filed in the window (the first of its records there), as `compute` counts."""
    within = _in(_pct(center), "filing_date", start, end).annotate(pct_key=PCT_KEY)
    firsts = within.order_by().values("pct_key").annotate(first=Min("id")).values("first")
    return _patents(center).filter(id__in=firsts).order_by("-filing_date", "-id")


# ---------------------------------------------------------------- patents (stocks)


def _high_value_many(center, windows):
    """One count per distinct last day (`high_value.high_value_queryset`), the region's settings read once."""
    from . import high_value

    ends = list(dict.fromkeys(e for _s, e in windows))
    if not ends:
        return []
    ctx = high_value.load_context()
    found = {end: Decimal(high_value.high_value_queryset(_patents(center), end, ctx).count()) for end in ends}
    return [found[end] for _s, end in windows]


def _high_value_records(center, start, end):
    from . import high_value

    return high_value.high_value_queryset(_patents(center), end).order_by("-filing_date", "-id")


def _grade_on(end: date):
    """The grade in force on `end` of the outer patent: its latest grading dated on or before `end`."""
    return Subquery(
        PatentGrade.objects.filter(patent_id=OuterRef("pk"), graded_on__lte=end)
        .order_by("-graded_on", "-id")
        .values("grade")[:1]
    )


def _grade_a_many(center, windows):
    ends = list(dict.fromkeys(end for _s, end in windows))
    if not ends:
        return []
    names = {end: f"g{i}" for i, end in enumerate(ends)}
    qs = _patents(center).order_by().annotate(**{names[end]: _grade_on(end) for end in ends})
    row = qs.aggregate(**{f"n_{names[end]}": Count("pk", filter=Q(**{names[end]: "A"})) for end in ends})
    return [Decimal(row[f"n_{names[end]}"]) for _s, end in windows]


def _grade_a_records(center, start, end):
    return _patents(center).annotate(grade_then=_grade_on(end)).filter(grade_then="A").order_by("-filing_date", "-id")


# ---------------------------------------------------------------- utilization events


def _events(center, kinds, start, end) -> QuerySet:
    """The center's utilization events of `kinds` dated (starts_on) within start–end, as `utilization.events` (the
    utilization part's one definition of what counts) gives them."""
    from . import utilization

    return utilization.events(center, list(kinds), start, end)


def _event_records(kinds):
    def records(center, start, end):
        return _events(center, kinds, start, end).select_related("patent").order_by("-starts_on", "-id")

    return records


def _event_counts(kinds):
    def many(center, windows):
        if not windows:
            return []
        return _counts(_events(center, kinds, *_span(windows)), "starts_on", windows)

    return many


def _event_amounts(kinds):
    def many(center, windows):
        if not windows:
            return []
        return [
            wan_yuan(v) for v in _aggregated(_events(center, kinds, *_span(windows)), "starts_on", windows, _amount)
        ]

    return many


LICENSE, ASSIGNMENT, PLEDGE = Exploitation.Kind.LICENSE, Exploitation.Kind.ASSIGNMENT, Exploitation.Kind.PLEDGE

# ---------------------------------------------------------------- standards, alliances, assessment


STANDARD_COUNTED = (Standard.Status.PUBLISHED, Standard.Status.IN_FORCE)


def _standards(center) -> QuerySet:
    return Standard.objects.filter(center_id=center.pk, status__in=STANDARD_COUNTED)


def _alliances_active(center, start, end) -> QuerySet:
    """Alliances and pools the center belonged to on at least one day of start–end."""
    return Alliance.objects.filter(center_id=center.pk, joined_on__lte=end).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=start)
    )


def _alliance_many(center, windows):
    def active(condition_window):
        start, end = condition_window
        return Q(joined_on__lte=end) & (Q(left_on__isnull=True) | Q(left_on__gte=start))

    keys = _distinct(windows)
    if not keys:
        return []
    names = {w: f"w{i}" for i, w in enumerate(keys)}
    row = (
        Alliance.objects.filter(center_id=center.pk)
        .order_by()
        .aggregate(**{names[w]: Count("pk", filter=active(w)) for w in keys})
    )
    return [Decimal(row[names[w]]) for w in windows]


def _coverage(center, start, end):
    from . import assessment

    return assessment.coverage(center, start, end)


def _coverage_many(center, windows):
    found = {}
    for window in dict.fromkeys(windows):
        percent = _coverage(center, *window).percent
        found[window] = None if percent is None else Decimal(percent)
    return [found[w] for w in windows]


def _coverage_records(center, start, end):
    return (
        _patents(center).filter(pk__in=list(_coverage(center, start, end).patent_ids)).order_by("-filing_date", "-id")
    )


# ---------------------------------------------------------------- the registry


def _patent_flow(qs_of, date_field):
    def many(center, windows):
        return _counts(qs_of(center), date_field, windows)

    def records(center, start, end):
        return _in(qs_of(center), date_field, start, end).order_by(f"-{date_field}", "-id")

    return many, records


def _metric(key, label, unit, kind, many, records, record_type, description, names=()):
    return Metric(key, label, unit, kind, many, records, record_type, description, names)


_filings = _patent_flow(_cn_inventions, "filing_date")
_grants = _patent_flow(_cn_inventions, "grant_date")
_overseas_flow = _patent_flow(_overseas, "filing_date")

METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        _metric(
            "invention_filings",
            _("Invention applications filed"),
            "件",
            FLOW,
            *_filings,
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
            *_grants,
            "patent",
            _("Chinese invention patents (office CN, type invention) whose grant date is in the period."),
            (("发明", "授权"),),
        ),
        _metric(
            "pct_applications",
            _("PCT applications"),
            "件",
            FLOW,
            lambda center, windows: _counts(_pct(center), "filing_date", windows, PCT_KEY, distinct=True),
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
            *_overseas_flow,
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
            _high_value_many,
            _high_value_records,
            "patent",
            _(
                "Valid invention patents that meet at least one of CNIPA's five high-value categories on the last day "
                "of the period (each counted once)."
            ),
            (("高价值",),),
        ),
        _metric(
            "grade_a",
            _("Grade-A (core) patents held"),
            "件",
            STOCK,
            _grade_a_many,
            _grade_a_records,
            "patent",
            _("Patents whose latest grading dated on or before the last day of the period is A (core)."),
            (("A级",), ("核心专利",), ("一级",)),
        ),
        _metric(
            "licences_and_assignments",
            _("Licences and assignments (number)"),
            "项",
            FLOW,
            _event_counts((LICENSE, ASSIGNMENT)),
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
            _event_amounts((LICENSE, ASSIGNMENT)),
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
            _event_counts((LICENSE,)),
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
            _event_amounts((LICENSE,)),
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
            _event_counts((ASSIGNMENT,)),
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
            _event_amounts((ASSIGNMENT,)),
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
            _event_amounts((PLEDGE,)),
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
            lambda center, windows: _counts(_standards(center), "published_on", windows),
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
            _alliance_many,
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
            _coverage_many,
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
