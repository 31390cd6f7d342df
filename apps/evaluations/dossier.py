"""The evaluation dossier (评价档案, Art. 16: "evaluation rests on … objective operating data"): for one evaluation,
every objective figure of the center over the round's period, as the records stand on the period's last day, each
with the link to the records behind it.

    dossier = dossier_of(evaluation)
    dossier.figures["groups"]   # the annual report's figures for the period (`apps.reports.prefill.figures_of`):
                                # KPIs (with the records behind each number), funds, patents, utilization,
                                # standards and alliances, the IP council, changes, inspections
    dossier.reports             # the annual work reports of the period's years: status, due date, first
                                # submission, lateness in days (`apps.reports.reminders.lateness`), link
    dossier.ledger              # the ledger (`apps.centers.funding.ledger_of`): allocated / spent / matched /
                                # clawed back / received for each year of the period, the period's total and the
                                # totals to the end of the period's last year
    dossier.rectifications      # rectifications running at some time in the period (started on or before its
                                # end, not closed before its start)
    dossier.scores              # the objective indicators' platform scores with the data they read (the
                                # evaluation's `IndicatorScore` rows: `basis`)

The ledger is kept by calendar year (`LedgerEntry.year`), so its sums cover the calendar years the period touches
(a round's period is a calendar year, as the annual report's is). Lateness is counted on the day the dossier is
read (`apps.core.clock`): a report of the period's last year falls due after the period ends.

The cost does not depend on the amount of data: the KPI engine's few queries and the high-value settings
(`prefill.read`), then ONE query for every other figure, the ledger, the reports, the rectifications and the scores
(scalar subqueries of one row: the lists as JSON arrays, `prefill.json_rows`). Nothing here writes; the exports
(`exports/dossier_docx.py`, `exports/dossier_pdf.py`) and the page (`views_dossier.py`) lay the same object out."""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.centers import funding
from apps.centers.models import Rectification
from apps.core import clock
from apps.reports import prefill, reminders
from apps.reports.models import AnnualReport

from .models import EvaluationIndicator, IndicatorScore

ZERO = Decimal("0.00")
LEDGER_FIELDS = ("allocated", "spent", "matched", "clawed_back", "received")
LEDGER_COLUMNS = (  # the ledger table's columns after its scope, in every layout (page, .docx, PDF)
    gettext_lazy("Allocated"),
    gettext_lazy("Spent"),
    gettext_lazy("Matched funds"),
    gettext_lazy("Clawed back"),
    gettext_lazy("Clawback received"),
    gettext_lazy("Available"),
)


@dataclass(frozen=True)
class ReportLine:
    """One annual work report of a year of the period."""

    year: int
    status: str
    status_label: str
    due_on: datetime.date
    submitted_on: datetime.date | None
    days_late: int
    url: str
    report: AnnualReport


@dataclass(frozen=True)
class LedgerLine:
    """The ledger's sums over one scope: a year of the period, the period, or the term to the period's last year."""

    key: str  # "year:2024", "period", "to_end"
    label: str
    allocated: Decimal = ZERO
    spent: Decimal = ZERO
    matched: Decimal = ZERO
    clawed_back: Decimal = ZERO
    received: Decimal = ZERO

    @property
    def available(self) -> Decimal:
        """allocated − spent − clawed back (as `centers.funding.Balance.available`)."""
        return self.allocated - self.spent - self.clawed_back

    @property
    def cells(self) -> list[str]:
        """The amounts as the ledger writes them ("150,000.50"), in the order of `LEDGER_COLUMNS`."""
        return [funding.yuan(getattr(self, name)) for name in (*LEDGER_FIELDS, "available")]  # LEDGER_COLUMNS


@dataclass(frozen=True)
class RectificationLine:
    source: str
    requirements: str
    starts_on: datetime.date
    due_on: datetime.date
    status: str
    status_label: str
    closed_on: datetime.date | None
    url: str


@dataclass(frozen=True)
class ScoreLine:
    """An objective indicator's score as the platform computed it, with the data it read."""

    code: str
    name: str
    area: str
    max_points: Decimal
    platform_points: Decimal | None
    points: Decimal | None
    explanation: str
    as_of: str
    rows: list  # [{"label", "value", "url"}]


@dataclass
class Dossier:
    evaluation: object
    center: object
    period_start: datetime.date
    period_end: datetime.date
    read_on: datetime.date  # the day lateness is counted on
    figures: dict  # prefill.figures_of: {"as_of", "groups": [{"key", "title", "rows": [...]}]}
    reports: list[ReportLine] = field(default_factory=list)
    ledger: list[LedgerLine] = field(default_factory=list)
    rectifications: list[RectificationLine] = field(default_factory=list)
    scores: list[ScoreLine] = field(default_factory=list)

    @property
    def as_of(self) -> str:
        return self.figures.get("as_of") or self.period_end.isoformat()

    @property
    def groups(self) -> list[dict]:
        return self.figures.get("groups", [])

    @property
    def title(self) -> str:
        return _("Evaluation dossier of %(center)s") % {"center": self.center.name}


# ---------------------------------------------------------------- the parts


def period_years(start: datetime.date, end: datetime.date) -> list[int]:
    return list(range(start.year, end.year + 1))


def _one(center, **also) -> dict:
    """The scalar subqueries `also` read alone (one query: `prefill.read` reads them with the figures)."""
    from apps.centers.models import Center

    return Center.objects.filter(pk=center.pk).order_by().values(**also).get()


def _reports(center, start, end):
    return prefill.json_rows(
        AnnualReport.objects.filter(center_id=center.pk, year__gte=start.year, year__lte=end.year),
        "center_id",
        id="id",
        year="year",
        status="status",
        due_on="due_on",
        first_submitted_on="first_submitted_on",
        days_late="days_late",
    )


def report_lines(center, rows, today) -> list[ReportLine]:
    """The reports' lines from their rows read as JSON (`_reports`), by year; each line's `report` holds what the
    pages and packets read of it (id, year, status, due date, first submission, days late), not the whole row."""
    lines = []
    for found in sorted(rows or [], key=lambda r: (r["year"], r["id"])):
        report = AnnualReport(
            pk=found["id"],
            center=center,
            year=found["year"],
            status=found["status"],
            due_on=prefill.day(found["due_on"]),
            first_submitted_on=prefill.day(found["first_submitted_on"]),
            days_late=found["days_late"],
        )
        lines.append(
            ReportLine(
                year=report.year,
                status=report.status,
                status_label=str(report.get_status_display()),
                due_on=report.due_on,
                submitted_on=report.first_submitted_on,
                days_late=reminders.lateness(report, today),
                url=reverse("reports:detail", args=[report.pk]),
                report=report,
            )
        )
    return lines


def reports_of(center, start, end, today) -> list[ReportLine]:
    """The annual work reports of the years in the period (one query)."""
    return report_lines(center, _one(center, rows=_reports(center, start, end))["rows"], today)


def _line(key, label, balances) -> LedgerLine:
    sums = {name: sum((getattr(b, name) for b in balances), ZERO) for name in LEDGER_FIELDS}
    return LedgerLine(key, str(label), **sums)


def ledger_lines(center, start, end, *, ledger=None) -> list[LedgerLine]:
    """Each year of the period, the period (when it spans several years) and the term to the end of its last year
    (`ledger`: the center's `centers.funding.Ledger`, else read: two queries)."""
    ledger = ledger if ledger is not None else funding.ledger_of(center)
    years = period_years(start, end)
    per_year = {year: ledger.balance(year) for year in years}
    lines = [_line(f"year:{year}", _("%(year)s") % {"year": year}, [per_year[year]]) for year in years]
    if len(years) > 1:
        lines.append(_line("period", _("The period"), list(per_year.values())))
    earlier = [ledger.balance(year) for year in ledger.years() if year <= end.year]
    lines.append(_line("to_end", _("From the first entry to the end of %(year)s") % {"year": end.year}, earlier))
    return lines


def _rectifications(center, start, end):
    running = Rectification.objects.filter(center_id=center.pk, starts_on__lte=end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__date__gte=start)
    )
    return prefill.json_rows(
        running,
        "center_id",
        id="id",
        source="source",
        requirements="requirements",
        starts_on="starts_on",
        due_on="due_on",
        status="status",
        closed_on=TruncDate("closed_at"),  # the day in the current time zone (`timezone.localdate`)
    )


def rectification_lines(center, rows) -> list[RectificationLine]:
    """The rectifications' lines from their rows read as JSON (`_rectifications`), by start date."""
    lines = []
    for found in sorted(rows or [], key=lambda r: (r["starts_on"], r["id"])):
        r = Rectification(source=found["source"], status=found["status"])  # the choices' labels
        lines.append(
            RectificationLine(
                source=str(r.get_source_display()),
                requirements=found["requirements"],
                starts_on=prefill.day(found["starts_on"]),
                due_on=prefill.day(found["due_on"]),
                status=found["status"],
                status_label=str(r.get_status_display()),
                closed_on=prefill.day(found["closed_on"]),
                url=reverse("centers:rectification", args=[center.pk, found["id"]]),
            )
        )
    return lines


def rectifications_of(center, start, end) -> list[RectificationLine]:
    """Rectifications running at some time in the period: started on or before its end and not closed before its
    start (one query)."""
    return rectification_lines(center, _one(center, rows=_rectifications(center, start, end))["rows"])


def _scores(evaluation):
    return prefill.json_rows(
        IndicatorScore.objects.filter(evaluation_id=evaluation.pk, indicator__kind=EvaluationIndicator.Kind.OBJECTIVE),
        "evaluation_id",
        decimals=False,  # the basis as a JSONField reads it
        code="indicator__code",
        name="indicator__name",
        area="indicator__area__name",
        max_points="max_points",
        platform_points="platform_points",
        points="points",
        basis="basis",
        area_position="indicator__area__position",
        position="indicator__position",
        indicator="indicator_id",
    )


def _points(value, name) -> Decimal | None:
    """A score's points read from JSON (an int, or a Decimal: `prefill.json_rows` reads fractions as Decimal), with
    the field's decimal places (as the row reads them)."""
    if value is None:
        return None
    places = IndicatorScore._meta.get_field(name).decimal_places
    return Decimal(value).quantize(Decimal(1).scaleb(-places))


def score_lines(rows) -> list[ScoreLine]:
    """The objective indicators' rows of the evaluation, in the system's order."""
    lines = []
    for score in sorted(rows or [], key=lambda r: (r["area_position"], r["position"], r["indicator"])):
        basis = score["basis"]
        if isinstance(basis, str):  # SQLite keeps a JSONField as text: a string inside the JSON object
            try:
                basis = json.loads(basis)
            except ValueError:
                basis = {}
        basis = basis if isinstance(basis, dict) else {}
        rows = [row for row in basis.get("rows") or [] if isinstance(row, dict)]
        lines.append(
            ScoreLine(
                code=score["code"],
                name=score["name"],
                area=score["area"],
                max_points=_points(score["max_points"], "max_points"),
                platform_points=_points(score["platform_points"], "platform_points"),
                points=_points(score["points"], "points"),
                explanation=str(basis.get("explanation") or ""),
                as_of=str(basis.get("as_of") or ""),
                rows=[
                    {
                        "label": str(row.get("label") or ""),
                        "value": str(row.get("value") or ""),
                        "url": str(row.get("url") or ""),
                    }
                    for row in rows
                ],
            )
        )
    return lines


def scores_of(evaluation) -> list[ScoreLine]:
    """The objective indicators' rows of the evaluation, in the system's order (one query)."""
    return score_lines(_one(evaluation.center, rows=_scores(evaluation))["rows"])


# ---------------------------------------------------------------- the dossier


def dossier_of(evaluation, *, today: datetime.date | None = None) -> Dossier:
    """The dossier of `evaluation` (read with its round and center): see the module's docstring."""
    round_ = evaluation.round
    center = evaluation.center
    start, end = round_.period_start, round_.period_end
    today = today or clock.today()
    found = prefill.read(
        center,
        period_start=start,
        period_end=end,
        also={
            "reports": _reports(center, start, end),
            "rectifications": _rectifications(center, start, end),
            "scores": _scores(evaluation),
        },
    )
    return Dossier(
        evaluation=evaluation,
        center=center,
        period_start=start,
        period_end=end,
        read_on=today,
        figures=found.figures,
        reports=report_lines(center, found.also["reports"], today),
        ledger=ledger_lines(center, start, end, ledger=found.ledger),
        rectifications=rectification_lines(center, found.also["rectifications"]),
        scores=score_lines(found.also["scores"]),
    )
