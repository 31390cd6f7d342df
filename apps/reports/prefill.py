"""The platform's figures of a center for an annual work report (Art. 14), as of the report period's end: the
snapshot `services.open_report` / `refresh_figures` freeze in `AnnualReport.figures`.

    figures_of(center, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    → {"as_of": "2025-12-31", "groups": [{"key": "kpi", "title": "合同考核指标", "rows": [...]}, ...]}

Each row: {"key": "<group>.<stable id>", "label", "value" (display text), "number" (decimal as text, or None),
"target" and "status" (KPI rows; "" elsewhere), "url" (the records behind the figure)}. The groups, in order:

- kpi: every KPI of the contract version in force from the KPI engine (`patents.kpi.table(center, as_of=period_end)`):
  the cumulative figure from the term's first day to the period's end, the target of the contract year the period
  ends in, and that year's status; the link opens the records behind the cumulative figure. A KPI's key is derived
  from its name (a contract change makes new KPI rows with new ids: the unit's comments stay on the figure);
- funding: the ledger (`centers.funding.ledger_of`) for the calendar year of the period's end, by kind — allocated,
  spent ("funding.allocated_year", "funding.spent_year"), matched, clawed back — then spent by budget category in
  the year, and the totals from the first entry to the end of that year (allocated, spent, available);
- patents: outputs dated within the period (filed and granted Chinese inventions, utility models, designs; overseas
  filings; PCT applications counted once by international number) and what the center holds on the period's last
  day (high-value inventions, grade-A patents), with the KPI engine's definitions (`patents.metrics`);
- utilization: events dated within the period by kind, number and amount (`patents.utilization.totals`), and the
  licence and assignment income;
- standards: standards published (published or in force) within the period, those led by the center, and the
  alliances and patent pools it belonged to on a day of the period;
- council: IP council meetings held within the period, their decisions by subject, members on the last day;
- changes: change requests submitted within the period, those approved and not approved within it;
- inspections: inspections completed within the period, their findings, rectifications opened and closed within
  it, and an acceptance decided within it.

The cost does not depend on how many patents, events or ledger entries the center has: the KPI table's few
queries (`patents.kpi.table`), the region's high-value settings (two), then ONE query for everything else (`read`):
a row of scalar subqueries, one per table, each giving its conditional aggregates as one JSON object (the ledger's
entries and budget lines as JSON arrays). `read(…, also={name: expression})` reads more scalar subqueries in the same
row (the evaluation dossier's lists: `json_rows`). What the row reads is turned into results by the builders of the
modules that own the rules, never restated here: the ledger by `centers.funding.ledger_from` (as `ledger_of`), the
utilization figures by `patents.utilization.totals_aggregates` and `totals_from` (as `utilization.totals`)."""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Aggregate, Count, JSONField, Q, Subquery
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.centers import funding
from apps.centers.models import (
    Acceptance,
    Center,
    ChangeRequest,
    CouncilDecision,
    CouncilMeeting,
    CouncilMember,
    Finding,
    Inspection,
    LedgerEntry,
    Rectification,
)
from apps.patents import kpi, metrics, utilization
from apps.patents.models import Alliance, Exploitation, Patent, Standard

ZERO = Decimal("0.00")
PLACES = Decimal("0.0001")
GROUPS = ("kpi", "funding", "patents", "utilization", "standards", "council", "changes", "inspections")


# ---------------------------------------------------------------- formatting


def plain(value) -> str:
    """A figure as people read it: "12", "12.5", "15.0001" (at most four decimals); None → "—"."""
    if value is None:
        return "—"
    text = f"{Decimal(value).quantize(PLACES):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def figure(value, unit: str) -> str:
    """A KPI figure or target written for its unit: money (元, 万元, 亿元: `metrics.MONEY_UNITS`) as the ledger writes
    every amount (`centers.funding.yuan`: 150000.5 → "150,000.50"), anything else (counts, percentages) `plain`
    ("2", "12.5"); None → "—"."""
    if value is not None and (unit or "").strip() in metrics.MONEY_UNITS:
        return funding.yuan(value)
    return plain(value)


def yuan(value) -> str:
    """An amount in yuan with its unit, written as the ledger writes amounts: 12345.6 → "12,345.60 元"."""
    return _("%(amount)s yuan") % {"amount": funding.yuan(value)}


def pieces(count) -> str:
    return _("%(count)s pieces") % {"count": count}


def items(count) -> str:
    return _("%(count)s items") % {"count": count}


def times(count) -> str:
    return _("%(count)s times") % {"count": count}


def alliances_text(count) -> str:
    return _("%(count)s alliances or pools") % {"count": count}


def number_of(value) -> str | None:
    """The decimal as text for sums and the .xlsx summary (None stays None)."""
    if value is None:
        return None
    return f"{Decimal(value):f}"


def row(key, label, value, *, number=None, target="", status="", url="") -> dict:
    return {
        "key": key,
        "label": str(label),
        "value": str(value),
        "number": number_of(number),
        "target": str(target or ""),
        "status": status or "",
        "url": url or "",
    }


def stable_id(text: str) -> str:
    """A short id of `text` that stays the same across contract versions (a KPI's name)."""
    return hashlib.sha256((text or "").strip().encode()).hexdigest()[:12]


def _url(name, center, query=None) -> str:
    url = reverse(name, args=[center.pk])
    return f"{url}?{urlencode(query)}" if query else url


# ---------------------------------------------------------------- one query: JSON objects of aggregates


class _Decimals(json.JSONDecoder):
    """JSON numbers with a fraction read as Decimal: amounts stay exact."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "parse_float": Decimal})


def _json(decimals: bool = True) -> JSONField:
    return JSONField(decoder=_Decimals) if decimals else JSONField()


class JSONRows(Aggregate):
    """The grouped rows' JSON objects as one JSON array (PostgreSQL jsonb_agg, SQLite json_group_array)."""

    function = "JSONB_AGG"

    def __init__(self, expression, *, decimals: bool = True, **extra):
        super().__init__(expression, output_field=_json(decimals), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def one_object(queryset, group: str, **aggregates) -> Subquery:
    """A scalar subquery: `aggregates` over the rows of `queryset` (which all share the value of `group`, the
    center) as one JSON object {name: value}; NULL when there is no row."""
    rows = queryset.order_by().values(group).annotate(found=JSONObject(**aggregates)).values("found")
    return Subquery(rows[:1], output_field=_json())


def json_rows(queryset, group: str, *, decimals: bool = True, **fields) -> Subquery:
    """A scalar subquery: the rows of `queryset` (which all share the value of `group`) as a JSON array of objects
    {name: field}, in no particular order (sort them in Python); NULL when there is no row. Dates come as ISO text;
    with `decimals`, numbers with a fraction as Decimal (else float, as a JSONField reads them)."""
    rows = queryset.order_by().values(group).annotate(found=JSONRows(JSONObject(**fields), decimals=decimals))
    return Subquery(rows.values("found")[:1], output_field=_json(decimals))


def day(value) -> datetime.date | None:
    """A date read from JSON ("2024-12-31")."""
    return datetime.date.fromisoformat(str(value)[:10]) if value else None


def _counts(values: dict, name: str) -> dict:
    """The JSON object `name` of the row (an empty dict when its table had no row: every count 0)."""
    return values.get(name) or {}


# ---------------------------------------------------------------- the figures


@dataclass
class Read:
    """What `read` found: the figures, the center's ledger (`centers.funding.Ledger`) and the values of `also`."""

    figures: dict
    ledger: funding.Ledger
    also: dict = field(default_factory=dict)


def figures_of(center, *, period_start: datetime.date, period_end: datetime.date) -> dict:
    """The center's figures for the report period `period_start`–`period_end` (both days included), as the records
    stand on `period_end` (see the module's docstring). JSON-serialisable."""
    return read(center, period_start=period_start, period_end=period_end).figures


def read(center, *, period_start: datetime.date, period_end: datetime.date, also: dict | None = None) -> Read:
    """`figures_of` with the ledger it read and, read in the same query, the scalar subqueries `also`
    ({name: expression}: values in `Read.also`)."""
    start, end = period_start, period_end
    expressions = {**_ledger_expressions(center), **_expressions(center, start, end)}
    expressions.update({f"also_{name}": expression for name, expression in (also or {}).items()})
    row = Center.objects.filter(pk=center.pk).order_by().values(**expressions).get()
    values = {name.removeprefix("prefill_"): value for name, value in row.items() if name.startswith("prefill_")}
    ledger = _ledger(center, values)
    builders = (
        ("kpi", _("Contract KPIs"), lambda: _kpi_rows(center, start, end)),
        ("funding", _("Funds"), lambda: _funding_rows(center, end, ledger)),
        ("patents", _("Patent outputs"), lambda: _patent_rows(center, start, end, values)),
        ("utilization", _("Patent utilization"), lambda: _utilization_rows(center, end, values)),
        ("standards", _("Standards, alliances and patent pools"), lambda: _standard_rows(center, values)),
        ("council", _("IP council"), lambda: _council_rows(center, end, values)),
        ("changes", _("Changes of the center"), lambda: _change_rows(center, values)),
        ("inspections", _("Inspections and rectification"), lambda: _inspection_rows(center, values)),
    )
    figures = {
        "as_of": end.isoformat(),
        "groups": [{"key": key, "title": str(title), "rows": build()} for key, title, build in builders],
    }
    found = {name.removeprefix("also_"): value for name, value in row.items() if name.startswith("also_")}
    return Read(figures, ledger, found)


def _expressions(center, start, end) -> dict:
    """{"prefill_<name>": scalar subquery} of every group but the KPIs and the funds."""
    found = {}
    for build in (
        _patent_counts,
        _utilization_counts,
        _standard_counts,
        _council_counts,
        _change_counts,
        _inspection_counts,
    ):  # each {name: one JSON object of its table's aggregates (a few dozen arguments at most)}
        found.update(build(center, start, end))
    return {f"prefill_{name}": expression for name, expression in found.items()}


# ---------------------------------------------------------------- KPIs (the KPI engine)


def _kpi_rows(center, start, end) -> list[dict]:
    table = kpi.table(center, as_of=end)
    current = table.current_year  # the contract year the period ends in (None: the term had not started)
    rows, seen = [], set()
    for kpi_row in table.rows:
        indicator = kpi_row.indicator
        unit = indicator.unit
        key = f"kpi.{stable_id(indicator.name)}"
        while key in seen:  # two KPIs of the same name: the later one gets the next free key
            key = f"kpi.{stable_id(key)}"
        seen.add(key)
        if current is None:
            rows.append(row(key, indicator.name, _("The term had not started"), status=kpi_row.status))
            continue
        cell = kpi_row.cells[current.number - 1]
        value = f"{figure(cell.cumulative, unit)} {unit}" if cell.cumulative is not None else _("Not reported")
        if kpi_row.metric is not None and kpi_row.metric.kind == metrics.FLOW and current.number > 1:
            value = _("%(cumulative)s (contract year %(year)s: %(actual)s)") % {
                "cumulative": value,
                "year": current.number,
                "actual": f"{figure(cell.actual, unit)} {unit}",
            }
        target = ""
        if cell.target is not None:
            target = _("%(target)s %(unit)s by the end of contract year %(year)s") % {
                "target": figure(cell.target, unit),
                "unit": unit,
                "year": current.number,
            }
        else:  # no target this year: the next year that has one
            later = next((c for c in kpi_row.cells[current.number :] if c.target is not None), None)
            if later is not None:
                target = _("%(target)s %(unit)s by the end of contract year %(year)s") % {
                    "target": figure(later.target, unit),
                    "unit": unit,
                    "year": later.year.number,
                }
        url = reverse("patents:kpi_records", args=[center.pk, indicator.pk, 0]) + f"?as_of={end.isoformat()}"
        rows.append(
            row(
                key,
                indicator.name,
                value,
                number=cell.cumulative,
                target=target,
                status=kpi_row.status,
                url=url,
            )
        )
    return rows


# ---------------------------------------------------------------- funds (the ledger)


def _ledger_expressions(center) -> dict:
    """The center's ledger entries and the budget lines of its version in force
    (`centers.funding.budget_lines_in_force`), as JSON arrays (`_ledger`)."""
    lines = funding.budget_lines_in_force([center.pk])
    return {
        "prefill_ledger_entries": json_rows(
            LedgerEntry.objects.filter(center_id=center.pk),
            "center_id",
            year="year",
            kind="kind",
            category="category",
            tranche="tranche_number",
            amount="amount",
        ),
        "prefill_budget_lines": json_rows(
            lines, "version__contract__center_id", category="category", amount="amount", order="order", id="id"
        ),
    }


def _ledger(center, values) -> funding.Ledger:
    """The center's `funding.Ledger`, built as `funding.ledger_of` builds it (`funding.ledger_from`), from the
    entries and budget lines `read` found."""
    entries = values.get("ledger_entries") or []
    lines = values.get("budget_lines") or []
    return funding.ledger_from(
        center.pk,
        ((entry["year"], entry["kind"], entry["category"], entry["tranche"], entry["amount"]) for entry in entries),
        ((line["order"], line["id"], line["category"], line["amount"]) for line in lines),
    )


def _funding_rows(center, end, ledger) -> list[dict]:
    year = end.year
    balance = ledger.balance(year)
    url = _url("centers:funding", center, {"year": year})
    rows = [
        row(key, label % {"year": year}, yuan(value), number=value, url=url)
        for key, label, value in (
            ("funding.allocated_year", _("Allocated by the region in %(year)s"), balance.allocated),
            ("funding.spent_year", _("Spent in %(year)s"), balance.spent),
            ("funding.matched_year", _("Matched funds put in in %(year)s"), balance.matched),
            ("funding.clawed_back_year", _("Clawed back in %(year)s"), balance.clawed_back),
        )
    ]
    for category in balance.categories:
        rows.append(
            row(
                f"funding.category.{stable_id(category.category)}",
                _("Spent in %(year)s on “%(category)s”") % {"year": year, "category": category.category},
                _("%(spent)s (budget %(budget)s, spent to date %(to_date)s)")
                % {
                    "spent": yuan(category.spent),
                    "budget": yuan(category.allocated),
                    "to_date": yuan(category.spent_to_date),
                },
                number=category.spent,
                url=url,
            )
        )
    totals = {"allocated": ZERO, "spent": ZERO, "clawed_back": ZERO, "matched": ZERO}
    for each in ledger.years():
        if each <= year:
            part = ledger.balance(each)
            for name in totals:
                totals[name] += getattr(part, name)
    available = totals["allocated"] - totals["spent"] - totals["clawed_back"]
    all_years = _url("centers:funding", center)
    rows += [
        row(key, label % {"year": year}, yuan(value), number=value, url=all_years)
        for key, label, value in (
            ("funding.allocated_total", _("Allocated to the end of %(year)s"), totals["allocated"]),
            ("funding.spent_total", _("Spent to the end of %(year)s"), totals["spent"]),
            ("funding.available_total", _("Available at the end of %(year)s"), available),
        )
    ]
    return rows


# ---------------------------------------------------------------- patents


PATENT_COUNTS = (
    "inventions_filed",
    "inventions_granted",
    "utility_filed",
    "utility_granted",
    "designs_filed",
    "designs_granted",
    "overseas",
    "pct",
)


def _between(field, start, end) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def _patent_counts(center, start, end) -> dict:
    T = Patent.Type
    cn = Q(country="CN")
    shared = metrics.Shared()  # the region's high-value settings (two queries)
    held = {
        key: metrics.METRICS[key].terms(center, (end, end), shared)["n"] for key in ("high_value", "grade_a")
    }  # the holdings on the last day, as the KPI engine counts them (`metrics.figures`)
    return {
        "patents": one_object(
            Patent.objects.filter(center_id=center.pk),
            "center_id",
            inventions_filed=Count("pk", filter=cn & Q(patent_type=T.INVENTION) & _between("filing_date", start, end)),
            inventions_granted=Count("pk", filter=cn & Q(patent_type=T.INVENTION) & _between("grant_date", start, end)),
            utility_filed=Count("pk", filter=cn & Q(patent_type=T.UTILITY_MODEL) & _between("filing_date", start, end)),
            utility_granted=Count(
                "pk", filter=cn & Q(patent_type=T.UTILITY_MODEL) & _between("grant_date", start, end)
            ),
            designs_filed=Count("pk", filter=cn & Q(patent_type=T.DESIGN) & _between("filing_date", start, end)),
            designs_granted=Count("pk", filter=cn & Q(patent_type=T.DESIGN) & _between("grant_date", start, end)),
            overseas=Count("pk", filter=~Q(country__in=metrics.FOREIGN_EXCLUDED) & _between("filing_date", start, end)),
            pct=Count(metrics.PCT_KEY, filter=Q(is_pct=True) & _between("filing_date", start, end), distinct=True),
            **held,
        )
    }


def _patent_rows(center, start, end, values) -> list[dict]:
    T = Patent.Type
    found = _counts(values, "patents")
    counted = {key: found.get(key) or 0 for key in (*PATENT_COUNTS, "high_value", "grade_a")}
    high_value = metrics.METRICS["high_value"].figure({"n": counted["high_value"]})
    grade_a = metrics.METRICS["grade_a"].figure({"n": counted["grade_a"]})
    portfolio = "patents:portfolio"
    year_from, year_to = start.year, end.year

    def filed(patent_type=None):
        query = {"year_from": year_from, "year_to": year_to}
        if patent_type:
            query["patent_type"] = patent_type
        return _url(portfolio, center, query)

    def granted(patent_type):
        return _url(portfolio, center, {"patent_type": patent_type, "sort": "-grant"})

    spec = (
        ("inventions_filed", _("Chinese invention applications filed"), filed(T.INVENTION)),
        ("inventions_granted", _("Chinese invention patents granted"), granted(T.INVENTION)),
        ("utility_filed", _("Utility model applications filed"), filed(T.UTILITY_MODEL)),
        ("utility_granted", _("Utility models granted"), granted(T.UTILITY_MODEL)),
        ("designs_filed", _("Design applications filed"), filed(T.DESIGN)),
        ("designs_granted", _("Designs granted"), granted(T.DESIGN)),
        ("pct", _("PCT international applications filed"), filed()),
        ("overseas", _("Overseas filings (offices other than CN and WO)"), filed()),
    )
    rows = [
        row(f"patents.{key}", label, pieces(counted[key]), number=counted[key], url=url) for key, label, url in spec
    ]
    rows += [
        row(
            "patents.high_value",
            _("High-value invention patents held on %(date)s") % {"date": end.isoformat()},
            pieces(plain(high_value)),
            number=high_value,
            url=_url(portfolio, center, {"patent_type": T.INVENTION}),
        ),
        row(
            "patents.grade_a",
            _("Grade-A (core) patents held on %(date)s") % {"date": end.isoformat()},
            pieces(plain(grade_a)),
            number=grade_a,
            url=_url(portfolio, center, {"grade": "A"}),
        ),
    ]
    return rows


# ---------------------------------------------------------------- utilization


def _utilization_counts(center, start, end) -> dict:
    """Per kind, the number and the sum of amounts of the events dated in the period: `utilization.totals`'s
    aggregates (`utilization.totals_aggregates`) as one JSON object."""
    events = utilization.dated(center, start, end)
    return {"utilization": one_object(events, "patent__center_id", **utilization.totals_aggregates())}


def _utilization_rows(center, end, values) -> list[dict]:
    totals = utilization.totals_from(_counts(values, "utilization"))  # {kind: (number, amount in yuan)}
    rows = []
    for kind, label in Exploitation.Kind.choices:
        count, amount = totals[kind]
        value = items(count)
        if amount:
            value = _("%(count)s, amount %(amount)s") % {"count": value, "amount": yuan(amount)}
        rows.append(
            row(
                f"utilization.{kind}",
                label,
                value,
                number=count,
                url=_url("patents:utilization", center, {"year": end.year, "kind": kind}),
            )
        )
    K = Exploitation.Kind
    income = sum((totals[k][1] for k in (K.LICENSE, K.ASSIGNMENT)), ZERO)
    rows.append(
        row(
            "utilization.transfer_income",
            _("Licence and assignment income"),
            yuan(income),
            number=income,
            url=_url("patents:utilization", center, {"year": end.year}),
        )
    )
    return rows


# ---------------------------------------------------------------- standards and alliances


def _standard_counts(center, start, end) -> dict:
    published = _between("published_on", start, end) & Q(status__in=metrics.STANDARD_COUNTED)
    active = Q(joined_on__lte=end) & (Q(left_on__isnull=True) | Q(left_on__gte=start))
    return {
        "standards": one_object(
            Standard.objects.filter(center_id=center.pk),
            "center_id",
            published=Count("pk", filter=published),
            led=Count("pk", filter=published & Q(role=Standard.Role.LEAD)),
            drafting=Count("pk", filter=Q(status=Standard.Status.DRAFTING)),
        ),
        "alliances": one_object(
            Alliance.objects.filter(center_id=center.pk),
            "center_id",
            alliances=Count("pk", filter=active & Q(kind=Alliance.Kind.ALLIANCE)),
            pools=Count("pk", filter=active & Q(kind=Alliance.Kind.POOL)),
            joined=Count("pk", filter=_between("joined_on", start, end)),
        ),
    }


def _standard_rows(center, values) -> list[dict]:
    found = {**_counts(values, "standards"), **_counts(values, "alliances")}
    standards = {key: found.get(key) or 0 for key in ("published", "led", "drafting")}
    alliances = {key: found.get(key) or 0 for key in ("alliances", "pools", "joined")}
    url = _url("patents:standards", center)
    return [
        row(
            "standards.published",
            _("Standards published in the period"),
            items(standards["published"]),
            number=standards["published"],
            url=url,
        ),
        row(
            "standards.led", _("of which led by the center"), items(standards["led"]), number=standards["led"], url=url
        ),
        row(
            "standards.drafting",
            _("Standards being drafted"),
            items(standards["drafting"]),
            number=standards["drafting"],
            url=url,
        ),
        row(
            "standards.alliances",
            _("Industry IP alliances the center belonged to"),
            alliances_text(alliances["alliances"]),
            number=alliances["alliances"],
            url=url,
        ),
        row(
            "standards.pools",
            _("Patent pools the center belonged to"),
            alliances_text(alliances["pools"]),
            number=alliances["pools"],
            url=url,
        ),
        row(
            "standards.joined",
            _("Alliances and pools joined in the period"),
            alliances_text(alliances["joined"]),
            number=alliances["joined"],
            url=url,
        ),
    ]


# ---------------------------------------------------------------- the IP council


def _council_counts(center, start, end) -> dict:
    subjects = CouncilDecision.Subject.values
    held = Q(held_on__gte=start, held_on__lte=end)
    return {
        "meetings": one_object(CouncilMeeting.objects.filter(held, center_id=center.pk), "center_id", n=Count("pk")),
        "decisions": one_object(
            CouncilDecision.objects.filter(meeting__center_id=center.pk, meeting__held_on__gte=start).filter(
                meeting__held_on__lte=end
            ),
            "meeting__center_id",
            all=Count("pk"),
            **{f"s{index}": Count("pk", filter=Q(subject=subject)) for index, subject in enumerate(subjects)},
        ),
        "members": one_object(
            CouncilMember.objects.filter(
                Q(left_on__isnull=True) | Q(left_on__gt=end), center_id=center.pk, joined_on__lte=end
            ),
            "center_id",
            n=Count("pk"),
        ),
    }


def _council_rows(center, end, values) -> list[dict]:
    subjects = CouncilDecision.Subject
    meetings = _counts(values, "meetings").get("n") or 0
    found = _counts(values, "decisions")
    decided = {subject: found.get(f"s{index}") or 0 for index, subject in enumerate(subjects.values)}
    everything = found.get("all") or 0
    members = _counts(values, "members").get("n") or 0
    url = _url("centers:office", center)
    rows = [
        row("council.meetings", _("Council meetings held"), times(meetings), number=meetings, url=url),
        row(
            "council.decisions",
            _("Decisions taken"),
            items(everything),
            number=everything,
            url=url,
        ),
    ]
    for subject, label in subjects.choices:
        count = decided.get(subject, 0)
        rows.append(
            row(
                f"council.decisions.{subject}",
                _("Decisions on: %(subject)s") % {"subject": label},
                items(count),
                number=count,
                url=url,
            )
        )
    rows.append(
        row(
            "council.members",
            _("Council members on %(date)s") % {"date": end.isoformat()},
            _("%(count)s people") % {"count": members},
            number=members,
            url=url,
        )
    )
    return rows


# ---------------------------------------------------------------- changes


def _change_counts(center, start, end) -> dict:
    S = ChangeRequest.Status
    return {
        "changes": one_object(
            ChangeRequest.objects.filter(center_id=center.pk),
            "center_id",
            submitted=Count("pk", filter=Q(submitted_at__date__gte=start, submitted_at__date__lte=end)),
            approved=Count("pk", filter=Q(status=S.APPROVED, decided_at__date__gte=start, decided_at__date__lte=end)),
            rejected=Count("pk", filter=Q(status=S.REJECTED, decided_at__date__gte=start, decided_at__date__lte=end)),
        )
    }


def _change_rows(center, values) -> list[dict]:
    found = _counts(values, "changes")
    counted = {key: found.get(key) or 0 for key in ("submitted", "approved", "rejected")}
    url = _url("centers:changes", center)
    return [
        row(
            "changes.submitted",
            _("Change requests submitted"),
            items(counted["submitted"]),
            number=counted["submitted"],
            url=url,
        ),
        row(
            "changes.approved",
            _("Change requests approved by the region"),
            items(counted["approved"]),
            number=counted["approved"],
            url=url,
        ),
        row(
            "changes.rejected",
            _("Change requests not approved"),
            items(counted["rejected"]),
            number=counted["rejected"],
            url=url,
        ),
    ]


# ---------------------------------------------------------------- inspections and rectification


def _inspection_counts(center, start, end) -> dict:
    done = Q(status=Inspection.Status.COMPLETED, scheduled_on__gte=start, scheduled_on__lte=end)
    R = Rectification.Status
    found = Finding.objects.filter(
        inspection__center_id=center.pk,
        inspection__status=Inspection.Status.COMPLETED,
        inspection__scheduled_on__gte=start,
        inspection__scheduled_on__lte=end,
    )
    acceptance = (
        Acceptance.objects.filter(center_id=center.pk, decided_on__gte=start, decided_on__lte=end)
        .exclude(result="")
        .order_by("-decided_on", "-id")
        .values(found=JSONObject(result="result", decided_on="decided_on"))
    )
    return {
        "inspections": one_object(Inspection.objects.filter(done, center_id=center.pk), "center_id", n=Count("pk")),
        "findings": one_object(
            found,
            "inspection__center_id",
            all=Count("pk"),
            rectify=Count("pk", filter=Q(requires_rectification=True)),
        ),
        "rectifications": one_object(
            Rectification.objects.filter(center_id=center.pk),
            "center_id",
            opened=Count("pk", filter=_between("starts_on", start, end)),
            closed=Count(
                "pk",
                filter=Q(status__in=(R.COMPLETED, R.FAILED), closed_at__date__gte=start, closed_at__date__lte=end),
            ),
        ),
        "acceptance": Subquery(acceptance[:1], output_field=_json()),
    }


def _inspection_rows(center, values) -> list[dict]:
    inspections = _counts(values, "inspections").get("n") or 0
    found = _counts(values, "findings")
    findings = {key: found.get(key) or 0 for key in ("all", "rectify")}
    found = _counts(values, "rectifications")
    rectifications = {key: found.get(key) or 0 for key in ("opened", "closed")}
    acceptance = values.get("acceptance")
    if acceptance:
        acceptance = (acceptance["result"], day(acceptance["decided_on"]))
    url = _url("centers:supervision", center)
    rows = [
        row("inspections.completed", _("Inspections completed"), times(inspections), number=inspections, url=url),
        row("inspections.findings", _("Findings recorded"), items(findings["all"]), number=findings["all"], url=url),
        row(
            "inspections.findings_rectify",
            _("of which require rectification"),
            items(findings["rectify"]),
            number=findings["rectify"],
            url=url,
        ),
        row(
            "inspections.rectifications_opened",
            _("Rectifications required"),
            items(rectifications["opened"]),
            number=rectifications["opened"],
            url=url,
        ),
        row(
            "inspections.rectifications_closed",
            _("Rectifications concluded"),
            items(rectifications["closed"]),
            number=rectifications["closed"],
            url=url,
        ),
    ]
    if acceptance is not None:
        result, decided_on = acceptance
        value = _("%(result)s on %(date)s") % {
            "result": Acceptance.Result(result).label,
            "date": decided_on.isoformat(),
        }
    else:
        value = _("None in the period")
    rows.append(row("inspections.acceptance", _("End-of-term acceptance"), value, url=url))
    return rows
