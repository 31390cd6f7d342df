"""The objective indicators' scoring rules (Art. 16: "实际运行的客观数据"): each rule reads the platform's data of one
center over the evaluation period and turns it into points, with the data it read.

`RULES: dict[str, Rule]`, one per key an objective `EvaluationIndicator.rule` may name. A rule has its `label`, its
`doc` (the rule in words, shown on the indicator system's page and in the dossier), its parameters with their
`defaults` (an indicator's `params` override them) and `compute(center, period_start, period_end, params,
max_points) -> Result`. `compute(indicator, center, period_start, period_end)` is what the scoring calls.

A `Result` has `points` (a Decimal with two places within [0, max_points]) and `basis`: {"as_of": the date the data
is read on (ISO), "explanation": a Chinese sentence with the arithmetic, "rows": [{"label", "value", "url"}]} — the
figures behind the points and where to see their records.

Each rule reads the data as of `period_end` and only what lies in the period (a record dated after the period's end
does not count), in a few queries (the KPI rule costs what `patents.kpi.table` costs; each other rule one or two):

- kpi_completion — the KPI engine (`patents.kpi.table` as of the period's end): for each KPI with a target in a
  contract year that has ended by then, its latest such year: cumulative actual ÷ cumulative target, capped at 1
  (no figure: 0; a target of 0: 1). Points = max × the mean over those KPIs. No KPI due yet (no contract, or its
  first year not over): full points, and the explanation says so;
- funds_execution — the ledger (`centers.funding`): expenditure dated in the period ÷ allocations dated up to the
  period's end (each net of its corrections). Ratio ≥ `full_at` (0.8) → full points, below it linear
  (max × ratio ÷ full_at). Nothing allocated by then: full points (nothing to execute), said in the explanation;
- report_timeliness — the annual work reports (`reports.AnnualReport`) of the years inside the period: a report on
  time gives full points, each day late (`reports.reminders.lateness`) deducts `per_day` (0.2) points, a report
  never submitted gives 0; points = the mean over the reports. Lateness is judged on the day the rule runs (the
  report of the period's last year falls due after the period ends): a report not yet due then is left out. No
  report: full points, said in the explanation;
- council_activity — the IP council's meetings (`centers.CouncilMeeting`) held in the period against `per_year`
  (2) × the period's length in years: the ratio capped at 1 × max; `per_year` 0: full points;
- inspection_findings — full points minus `per_finding` (1) for each finding requiring rectification of the
  inspections dated in the period (not cancelled), minus `per_failed` (2) more for each of their rectifications
  concluded as failed by the period's end (one concluded later had not failed yet then); never below 0."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import clock, inputs
from apps.core.errors import DomainError

CENT = Decimal("0.01")
ZERO = Decimal("0")
ONE = Decimal("1")
DAYS_PER_YEAR = Decimal("365")
PARAM_MAX = Decimal("100000")


@dataclass(frozen=True)
class Result:
    points: Decimal
    basis: dict


@dataclass(frozen=True)
class Rule:
    key: str
    label: object  # gettext_lazy
    doc: object  # gettext_lazy: the rule in words
    function: Callable = field(repr=False)
    defaults: dict = field(default_factory=dict)
    param_labels: dict = field(default_factory=dict)  # name → gettext_lazy

    def compute(self, center, period_start, period_end, params, max_points) -> Result:
        max_points = Decimal(max_points)
        values = self.values(params)
        points, explanation, rows, as_of = self.function(center, period_start, period_end, values, max_points)
        return Result(
            _points(points, max_points),
            {"as_of": (as_of or period_end).isoformat(), "explanation": explanation, "rows": rows},
        )

    def values(self, params) -> dict:
        """The rule's parameters: its defaults overridden by `params`, as Decimals."""
        merged = {**self.defaults, **(params or {})}
        return {name: _decimal(merged[name]) for name in self.defaults}


def _decimal(value) -> Decimal:
    """A parameter or an amount as a Decimal: a JSON float is written out in plain digits first (0.2 → "0.200000"),
    then parsed strictly (`apps.core.inputs`)."""
    if isinstance(value, float):
        value = format(value, "f")
    return inputs.parse_decimal(value, label=_("Rule parameters")) or ZERO


def _points(value: Decimal, max_points: Decimal) -> Decimal:
    return min(max(value, ZERO), max_points).quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value) -> str:
    """A Decimal as it reads: 25 → "25", 21.675 → "21.68", 0.2 → "0.2"."""
    value = _decimal(value).quantize(CENT, rounding=ROUND_HALF_UP).normalize()
    return f"{value:f}"


def percent(ratio: Decimal) -> str:
    return f"{fmt(ratio * 100)}%"


def _row(label, value, url="") -> dict:
    return {"label": str(label), "value": str(value), "url": url}


# ---------------------------------------------------------------- kpi_completion


def kpi_completion(center, period_start, period_end, params, max_points):
    from apps.patents import kpi

    table = kpi.table(center, as_of=period_end)
    rows, ratios = [], []
    for kpi_row in table.rows:
        due = [c for c in kpi_row.cells if c.target is not None and c.year.ends_on <= period_end]
        if not due:
            continue
        cell = due[-1]
        if cell.target <= 0:
            ratio = ONE
        elif cell.cumulative is None:
            ratio = ZERO
        else:
            ratio = min(ONE, max(ZERO, cell.cumulative / cell.target))
        ratios.append(ratio)
        indicator = kpi_row.indicator
        rows.append(
            _row(
                _("%(name)s (contract year %(year)s)") % {"name": indicator.name, "year": cell.year.number},
                _("%(actual)s of %(target)s %(unit)s: %(ratio)s")
                % {
                    "actual": "—" if cell.cumulative is None else fmt(cell.cumulative),
                    "target": fmt(cell.target),
                    "unit": indicator.unit,
                    "ratio": percent(ratio),
                },
                reverse("patents:kpi_records", args=[center.pk, indicator.pk, cell.year.number]),
            )
        )
    if not ratios:
        explanation = _(
            "As of %(date)s no KPI of the contract had a contract year ended with a target: nothing was due, "
            "full points %(max)s."
        ) % {"date": period_end.isoformat(), "max": fmt(max_points)}
        return max_points, explanation, rows, period_end
    mean = sum(ratios, ZERO) / len(ratios)
    points = max_points * mean
    explanation = _(
        "As of %(date)s, %(count)s KPI(s) were due; their mean completion (each counted at most 100%%) is "
        "%(mean)s: %(max)s × %(mean)s = %(points)s points."
    ) % {
        "date": period_end.isoformat(),
        "count": len(ratios),
        "mean": percent(mean),
        "max": fmt(max_points),
        "points": fmt(_points(points, max_points)),
    }
    return points, explanation, rows, period_end


# ---------------------------------------------------------------- funds_execution


def funds_execution(center, period_start, period_end, params, max_points):
    from apps.centers.models import LedgerEntry

    K = LedgerEntry.Kind
    sums = LedgerEntry.objects.filter(center_id=center.pk, occurred_on__lte=period_end).aggregate(
        allocated=Sum("amount", filter=Q(kind=K.ALLOCATION)),
        spent=Sum("amount", filter=Q(kind=K.EXPENDITURE, occurred_on__gte=period_start)),
    )
    allocated, spent = sums["allocated"] or ZERO, sums["spent"] or ZERO
    full_at = params["full_at"]
    url = reverse("centers:funding", args=[center.pk])
    rows = [
        _row(_("Allocations received up to %(date)s (yuan)") % {"date": period_end.isoformat()}, fmt(allocated), url),
        _row(
            _("Expenditure from %(start)s to %(end)s (yuan)")
            % {"start": period_start.isoformat(), "end": period_end.isoformat()},
            fmt(spent),
            url,
        ),
    ]
    if allocated <= 0:
        explanation = _("No funds had been allocated by %(date)s: nothing to execute, full points %(max)s.") % {
            "date": period_end.isoformat(),
            "max": fmt(max_points),
        }
        return max_points, explanation, rows, period_end
    ratio = max(ZERO, spent / allocated)
    rows.append(_row(_("Execution ratio"), percent(ratio)))
    if full_at <= 0 or ratio >= full_at:
        points = max_points
        explanation = _(
            "Expenditure %(spent)s ÷ allocations %(allocated)s = %(ratio)s, at least %(full_at)s: full points %(max)s."
        ) % {
            "spent": fmt(spent),
            "allocated": fmt(allocated),
            "ratio": percent(ratio),
            "full_at": percent(full_at),
            "max": fmt(max_points),
        }
    else:
        points = max_points * ratio / full_at
        explanation = _(
            "Expenditure %(spent)s ÷ allocations %(allocated)s = %(ratio)s, below %(full_at)s: %(max)s × "
            "%(ratio)s ÷ %(full_at)s = %(points)s points."
        ) % {
            "spent": fmt(spent),
            "allocated": fmt(allocated),
            "ratio": percent(ratio),
            "full_at": percent(full_at),
            "max": fmt(max_points),
            "points": fmt(_points(points, max_points)),
        }
    return points, explanation, rows, period_end


# ---------------------------------------------------------------- report_timeliness


def report_timeliness(center, period_start, period_end, params, max_points):
    from apps.reports.models import AnnualReport
    from apps.reports.reminders import lateness

    today = clock.today()
    per_day = params["per_day"]
    reports = AnnualReport.objects.filter(
        center_id=center.pk, period_start__gte=period_start, period_end__lte=period_end
    ).order_by("year")
    rows, scores = [], []
    for report in reports:
        url = reverse("reports:detail", args=[report.pk])
        label = _("Annual work report %(year)s (due %(date)s)") % {"year": report.year, "date": report.due_on}
        if report.first_submitted_on is None:
            if today <= report.due_on:
                rows.append(_row(label, _("not yet due"), url))
                continue
            scores.append(ZERO)
            rows.append(_row(label, _("never submitted: 0 points"), url))
            continue
        days = lateness(report, today)
        score = max(ZERO, max_points - per_day * days)
        scores.append(score)
        if days:
            value = _("%(days)s day(s) late: %(max)s − %(days)s × %(per_day)s = %(points)s") % {
                "days": days,
                "max": fmt(max_points),
                "per_day": fmt(per_day),
                "points": fmt(score),
            }
        else:
            value = _("on time: %(max)s") % {"max": fmt(max_points)}
        rows.append(_row(label, value, url))
    if not scores:
        explanation = _("No annual work report of the period was due by %(date)s: full points %(max)s.") % {
            "date": today.isoformat(),
            "max": fmt(max_points),
        }
        return max_points, explanation, rows, today
    points = sum(scores, ZERO) / len(scores)
    explanation = _(
        "%(count)s annual work report(s) judged on %(date)s (on time: full points; each day late: −%(per_day)s; "
        "never submitted: 0): their mean is %(points)s points."
    ) % {
        "count": len(scores),
        "date": today.isoformat(),
        "per_day": fmt(per_day),
        "points": fmt(_points(points, max_points)),
    }
    return points, explanation, rows, today


# ---------------------------------------------------------------- council_activity


def period_years(period_start: datetime.date, period_end: datetime.date) -> Decimal:
    """The period's length in years to the hundredth, both days included (a calendar year, leap or not, is 1)."""
    days = (period_end - period_start).days + 1
    return (Decimal(days) / DAYS_PER_YEAR).quantize(CENT, rounding=ROUND_HALF_UP)


def council_activity(center, period_start, period_end, params, max_points):
    from apps.centers.models import CouncilMeeting

    meetings = list(
        CouncilMeeting.objects.filter(center_id=center.pk, held_on__gte=period_start, held_on__lte=period_end).order_by(
            "held_on", "id"
        )
    )
    rows = [
        _row(
            _("Council meeting %(date)s") % {"date": m.held_on.isoformat()},
            m.title,
            reverse("centers:council_meeting", args=[center.pk, m.pk]),
        )
        for m in meetings
    ]
    years = period_years(period_start, period_end)
    expected = params["per_year"] * years
    if expected <= 0:
        explanation = _("No meeting is expected: full points %(max)s.") % {"max": fmt(max_points)}
        return max_points, explanation, rows, period_end
    ratio = min(ONE, Decimal(len(meetings)) / expected)
    points = max_points * ratio
    explanation = _(
        "%(count)s meeting(s) held in the period against %(per_year)s a year × %(years)s year(s) = %(expected)s "
        "expected: %(max)s × %(ratio)s = %(points)s points (at most full points)."
    ) % {
        "count": len(meetings),
        "per_year": fmt(params["per_year"]),
        "years": fmt(years),
        "expected": fmt(expected),
        "max": fmt(max_points),
        "ratio": percent(ratio),
        "points": fmt(_points(points, max_points)),
    }
    return points, explanation, rows, period_end


# ---------------------------------------------------------------- inspection_findings


def inspection_findings(center, period_start, period_end, params, max_points):
    from apps.centers.models import Finding, Inspection, Rectification

    failed = Rectification.objects.filter(
        finding_id=OuterRef("pk"),
        status=Rectification.Status.FAILED,
        closed_at__date__lte=period_end,
    )
    findings = list(
        Finding.objects.filter(
            inspection__center_id=center.pk,
            inspection__scheduled_on__gte=period_start,
            inspection__scheduled_on__lte=period_end,
            requires_rectification=True,
        )
        .exclude(inspection__status=Inspection.Status.CANCELLED)
        .select_related("inspection")
        .annotate(rectification_failed=Exists(failed))
        .order_by("inspection__scheduled_on", "id")
    )
    per_finding, per_failed = params["per_finding"], params["per_failed"]
    count = len(findings)
    failures = sum(1 for f in findings if f.rectification_failed)
    rows = []
    for finding in findings:
        value = finding.text[:80]
        if finding.rectification_failed:
            value = _("%(text)s (rectification failed)") % {"text": value}
        rows.append(
            _row(
                _("Finding of the inspection of %(date)s") % {"date": finding.inspection.scheduled_on.isoformat()},
                value,
                reverse("centers:inspection", args=[center.pk, finding.inspection_id]),
            )
        )
    points = max_points - per_finding * count - per_failed * failures
    explanation = _(
        "%(max)s − %(count)s finding(s) requiring rectification × %(per_finding)s − %(failures)s failed "
        "rectification(s) × %(per_failed)s = %(points)s points (never below 0)."
    ) % {
        "max": fmt(max_points),
        "count": count,
        "per_finding": fmt(per_finding),
        "failures": failures,
        "per_failed": fmt(per_failed),
        "points": fmt(_points(points, max_points)),
    }
    return points, explanation, rows, period_end


# ---------------------------------------------------------------- the registry

RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        Rule(
            "kpi_completion",
            gettext_lazy("KPI completion"),
            gettext_lazy(
                "The KPI table as of the period's end: for each KPI with a target in a contract year ended by then, "
                "cumulative actual ÷ cumulative target of its latest such year, at most 100%; points = maximum × "
                "the mean. No KPI due yet: full points."
            ),
            kpi_completion,
        ),
        Rule(
            "funds_execution",
            gettext_lazy("Execution of funds"),
            gettext_lazy(
                "Expenditure in the period ÷ allocations received up to its end: at least the “full at” ratio → "
                "full points, below it proportionally (maximum × ratio ÷ full at). Nothing allocated: full points."
            ),
            funds_execution,
            {"full_at": Decimal("0.8")},
            {"full_at": gettext_lazy("full points from this execution ratio")},
        ),
        Rule(
            "report_timeliness",
            gettext_lazy("Timeliness of the annual reports"),
            gettext_lazy(
                "Each annual work report of the period's years: on time → full points; each day late deducts "
                "“per day”; never submitted → 0; points = the mean over the reports. No report due: full points."
            ),
            report_timeliness,
            {"per_day": Decimal("0.2")},
            {"per_day": gettext_lazy("points deducted per day late")},
        ),
        Rule(
            "council_activity",
            gettext_lazy("Activity of the IP council"),
            gettext_lazy(
                "IP council meetings held in the period ÷ (“per year” × the period's years), at most 100%, × maximum."
            ),
            council_activity,
            {"per_year": Decimal("2")},
            {"per_year": gettext_lazy("meetings expected per year")},
        ),
        Rule(
            "inspection_findings",
            gettext_lazy("Inspection findings"),
            gettext_lazy(
                "Full points minus “per finding” for each inspection finding requiring rectification in the period, "
                "minus “per failed” more for each of their rectifications that failed; never below 0."
            ),
            inspection_findings,
            {"per_finding": Decimal("1"), "per_failed": Decimal("2")},
            {
                "per_finding": gettext_lazy("points deducted per finding"),
                "per_failed": gettext_lazy("further points deducted per failed rectification"),
            },
        ),
    )
}


def rule_choices() -> list[tuple[str, object]]:
    return [(key, rule.label) for key, rule in RULES.items()]


def clean_params(rule_key: str, params) -> dict:
    """An indicator's parameters for `rule_key`, checked: only the rule's names, each a number ≥ 0 (digits only);
    returned as JSON numbers (an int when whole). DomainError in Chinese otherwise."""
    rule = RULES.get(rule_key)
    if rule is None:
        raise DomainError(_("Choose one of the platform's scoring rules for an objective indicator."), code="rule")
    params = params or {}
    if not isinstance(params, dict):
        raise DomainError(_("The rule's parameters could not be read."), code="params")
    unknown = sorted(set(params) - set(rule.defaults))
    if unknown:
        raise DomainError(
            _("The rule “%(rule)s” has no parameter %(names)s; its parameters: %(known)s.")
            % {
                "rule": rule.label,
                "names": "、".join(unknown),
                "known": "、".join(rule.defaults) or _("none"),
            },
            code="params",
        )
    cleaned = {}
    for name, value in params.items():
        label = f"{name}（{rule.param_labels.get(name, name)}）"
        if isinstance(value, float):
            value = format(value, "f")
        number = inputs.parse_decimal(value, label=label, minimum=0, maximum=PARAM_MAX)
        if number is None:
            continue  # left empty: the default applies
        cleaned[name] = int(number) if number == number.to_integral_value() else float(number)
    return cleaned


def compute(indicator, center, period_start, period_end) -> Result:
    """The points of an objective `indicator` for `center` over the period, with the data read."""
    rule = RULES.get(indicator.rule)
    if rule is None:
        raise DomainError(
            _("Indicator %(code)s names an unknown scoring rule “%(rule)s”.")
            % {"code": indicator.code, "rule": indicator.rule},
            code="rule",
        )
    return rule.compute(center, period_start, period_end, indicator.params, indicator.max_points)
