"""The evaluation dossier laid out once for both documents (.docx, PDF): the title, the particulars (center, lead
unit, prefecture, round, evaluator, period, figures as of, attempt, printed on) and the chapters, each a table:
the objective indicators with the platform's points and the data read, the annual work reports and their lateness,
the ledger, every figure group of the period (the KPI table with target and achievement), the rectifications.

The writers only lay the result out; every string is cleaned by them (`apps.core.documents`)."""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from apps.centers.exports.contract_content import chinese_number
from apps.patents.kpi import STATUS_LABELS

from ..dossier import LEDGER_COLUMNS, Dossier


@dataclass
class Table:
    key: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Chapter:
    heading: str  # "一、平台计算的客观指标得分"
    tables: list[Table] = field(default_factory=list)
    note: str = ""


@dataclass
class Content:
    title: str
    author: str  # the evaluator organization
    subject: str
    center: str
    particulars: list[tuple[str, str]]
    chapters: list[Chapter]
    as_of_text: str


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


def _points(value) -> str:
    return "—" if value is None else f"{value}"


def _basis(score) -> str:
    lines = [score.explanation] if score.explanation else []
    lines += [f"{row['label']}：{row['value']}" for row in score.rows]
    return "\n".join(lines) or "—"


def _figure_table(group: dict) -> Table:
    rows = group.get("rows", [])
    if group.get("key") == "kpi":
        columns = [_("Indicator"), pgettext("kpi table", "Target"), _("Actual"), _("Achievement")]
        body = [
            [
                row.get("label", ""),
                row.get("target") or "—",
                row.get("value") or "—",
                str(STATUS_LABELS.get(row.get("status") or "", "")) or "—",
            ]
            for row in rows
        ]
    else:
        columns = [_("Item"), _("Figure")]
        body = [[row.get("label", ""), row.get("value") or "—"] for row in rows]
    return Table(group.get("key", ""), columns, body)


def content(dossier: Dossier) -> Content:
    evaluation, center = dossier.evaluation, dossier.center
    round_ = evaluation.round
    period = _("%(start)s to %(end)s") % {"start": _date(dossier.period_start), "end": _date(dossier.period_end)}
    particulars = [
        (_("Center"), center.name),
        (_("Lead unit"), center.lead_unit.name),
        (pgettext("report particulars", "Prefecture"), str(center.prefecture) if center.prefecture_id else ""),
        (_("Evaluation round"), round_.title),
        (_("Evaluator organization"), round_.evaluator.name),
        (_("Period evaluated"), period),
        (_("Figures as of"), _date(dossier.period_end)),
        (_("Attempt"), _("Re-evaluation") if evaluation.attempt == 2 else _("First evaluation")),
        (_("Printed on"), _date(dossier.read_on)),
    ]
    chapters = []

    def chapter(heading, tables, note=""):
        chapters.append(Chapter(f"{chinese_number(len(chapters) + 1)}、{heading}", tables, note))

    chapter(
        _("Objective indicators scored by the platform"),
        [
            Table(
                "scores",
                [_("Indicator"), _("Points"), _("Points from the platform"), _("Data read")],
                [
                    [f"{s.code} {s.name}", _points(s.max_points), _points(s.platform_points), _basis(s)]
                    for s in dossier.scores
                ],
            )
        ],
    )
    chapter(
        _("Annual work reports"),
        [
            Table(
                "reports",
                [_("Report year"), _("Status"), _("Due date"), _("First submitted on"), _("Days late")],
                [
                    [str(r.year), r.status_label, _date(r.due_on), _date(r.submitted_on), str(r.days_late)]
                    for r in dossier.reports
                ],
            )
        ],
        note=_("Days late are counted to %(date)s.") % {"date": _date(dossier.read_on)},
    )
    chapter(
        _("Funding ledger (yuan)"),
        [
            Table(
                "ledger",
                [_("Covering"), *map(str, LEDGER_COLUMNS)],
                [[line.label, *line.cells] for line in dossier.ledger],
            )
        ],
    )
    for group in dossier.groups:
        chapter(group.get("title", ""), [_figure_table(group)])
    chapter(
        _("Rectifications in the period"),
        [
            Table(
                "rectifications",
                [_("Source"), _("Requirements"), _("From"), _("Due on"), _("Status"), _("Closed on")],
                [
                    [r.source, r.requirements, _date(r.starts_on), _date(r.due_on), r.status_label, _date(r.closed_on)]
                    for r in dossier.rectifications
                ],
            )
        ],
    )
    return Content(
        title=dossier.title,
        author=round_.evaluator.name,
        subject=round_.title,
        center=center.name,
        particulars=particulars,
        chapters=chapters,
        as_of_text=_date(dossier.period_end),
    )
