"""What an annual work report says, laid out once for every document (.docx, PDF, the year's .xlsx): the title,
the particulars (lead unit, prefecture, period, submission date, version), the chapters of Art. 14 in order with
their sections and the figure tables that belong to them (each figure with the unit's comment beside it), and the
prefecture office's opinion once the report has been forwarded.

Which text: a report the unit may still write (draft, returned) is exported as it stands now, marked as a draft;
any other report exports its last submitted version (`ReportVersion.content`), frozen as the prefecture and the
region received it.

`content(report)` reads one report (3 queries); `contents(reports)` reads many with the same 3 queries in all (the
year's .zip). The writers only lay the result out; every string is cleaned by them (`apps.core.documents`)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from apps.centers.exports.contract_content import chinese_number
from apps.patents.kpi import STATUS_LABELS

from ..models import AnnualReport, FigureComment, ReportEvent, ReportVersion

S = AnnualReport.Status

# The chapters of Art. 14 in its order: (heading, [(subheading or None, section field)], figure groups shown there).
# The four tasks are those of Art. 13. A figure group not named here goes to the last chapter ("other figures").
CHAPTERS = (
    (
        pgettext_lazy("report chapter", "Overall operation of the center"),
        ((None, "overall_operation"),),
        ("council", "changes", "inspections"),
    ),
    (
        pgettext_lazy("report chapter", "Progress of the tasks"),
        (
            (pgettext_lazy("report chapter", "Building the high-value patent cultivation system"), "task_system"),
            (pgettext_lazy("report chapter", "Forward-looking layout of high-value patents"), "task_layout"),
            (pgettext_lazy("report chapter", "Promoting patent transfer and utilization"), "task_utilization"),
            (pgettext_lazy("report chapter", "Building the industry chain IP alliance"), "task_alliance"),
        ),
        ("kpi",),
    ),
    (pgettext_lazy("report chapter", "Use of funds"), ((None, "funds_use"),), ("funding",)),
    (
        pgettext_lazy("report chapter", "Results achieved"),
        ((None, "results"),),
        ("patents", "utilization", "standards"),
    ),
    (pgettext_lazy("report chapter", "Highlights"), ((None, "highlights"),), ()),
    (pgettext_lazy("report chapter", "Problems"), ((None, "problems"),), ()),
    (pgettext_lazy("report chapter", "Next year's plan"), ((None, "next_year_plan"),), ()),
)
PLACED_GROUPS = {key for _heading, _sections, groups in CHAPTERS for key in groups}


@dataclass
class Table:
    """One figure group as a table: the KPI group with target and status, any other with its value; the unit's
    comment in the last column."""

    key: str
    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Chapter:
    heading: str  # "一、培育中心运行总体情况"
    blocks: list = field(default_factory=list)  # ("subheading", text) | ("text", text) | ("table", Table)


@dataclass
class Content:
    report: AnnualReport
    title: str
    draft: bool
    draft_note: str  # "" when submitted
    particulars: list[tuple[str, str]]
    chapters: list[Chapter]
    sections: dict[str, str]
    figures: dict
    comments: dict[str, str]
    figures_as_of: str  # ISO date
    as_of_text: str  # the same date as the documents write it ("2025年12月31日")
    version: int | None  # the submitted version exported, None for a draft
    submitted_on: str
    opinion: str  # the prefecture office's opinion when it forwarded the report
    lead_unit: str
    prefecture: str


def title_of(report) -> str:
    return _("%(center)s annual work report %(year)s") % {"center": report.center.name, "year": report.year}


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _parse(value: str):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _latest_versions(report_ids) -> dict[int, ReportVersion]:
    last = ReportVersion.objects.filter(report_id=OuterRef("report_id")).order_by("-number").values("number")[:1]
    rows = ReportVersion.objects.filter(report_id__in=report_ids, number=Subquery(last))
    return {version.report_id: version for version in rows}


def _comments(report_ids) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    for report_id, key, text in FigureComment.objects.filter(report_id__in=report_ids).values_list(
        "report_id", "key", "text"
    ):
        found.setdefault(report_id, {})[key] = text
    return found


def _opinions(report_ids) -> dict[int, str]:
    """The opinion of the prefecture office's last forwarding of each report."""
    found = {}
    events = ReportEvent.objects.filter(report_id__in=report_ids, action="forward").order_by("created_at", "id")
    for report_id, opinion in events.values_list("report_id", "opinion"):
        found[report_id] = opinion
    return found


def _figure_table(group: dict, comments: dict[str, str]) -> Table:
    rows = []
    if group.get("key") == "kpi":
        columns = [
            _("Indicator"),
            pgettext("kpi table", "Target"),
            _("Actual"),
            _("Achievement"),
            _("The unit's comment"),
        ]
        for row in group.get("rows", []):
            status = row.get("status") or ""
            rows.append(
                [
                    row.get("label", ""),
                    row.get("target") or "—",
                    row.get("value") or "—",
                    str(STATUS_LABELS.get(status, "")) or "—",
                    comments.get(row.get("key", ""), ""),
                ]
            )
    else:
        columns = [_("Item"), _("Figure"), _("The unit's comment")]
        for row in group.get("rows", []):
            rows.append([row.get("label", ""), row.get("value") or "—", comments.get(row.get("key", ""), "")])
    return Table(group.get("key", ""), group.get("title", ""), columns, rows)


def _chapters(sections: dict[str, str], figures: dict, comments: dict[str, str]) -> list[Chapter]:
    groups = {group.get("key"): group for group in (figures or {}).get("groups", [])}
    chapters = []
    for number, (heading, parts, group_keys) in enumerate(CHAPTERS, start=1):
        chapter = Chapter(f"{chinese_number(number)}、{heading}")
        for sub, (subheading, name) in enumerate(parts, start=1):
            if subheading:
                chapter.blocks.append(("subheading", f"（{chinese_number(sub)}）{subheading}"))
            chapter.blocks.append(("text", sections.get(name, "")))
        for key in group_keys:
            if key in groups:
                chapter.blocks.append(("table", _figure_table(groups[key], comments)))
        chapters.append(chapter)
    others = [group for key, group in groups.items() if key not in PLACED_GROUPS]
    if others:
        label = _("Other figures")
        chapter = Chapter(f"{chinese_number(len(chapters) + 1)}、{label}")
        chapter.blocks.extend(("table", _figure_table(group, comments)) for group in others)
        chapters.append(chapter)
    return chapters


def _build(report, *, version, comments, opinion) -> Content:
    center = report.center
    if report.is_editable or version is None:
        sections = {name: getattr(report, name) or "" for name in AnnualReport.SECTIONS}
        figures = report.figures or {}
        figures_as_of = report.figures_as_of.isoformat() if report.figures_as_of else figures.get("as_of", "")
        draft = True
        if report.status == S.RETURNED and report.version:
            draft_note = _("Draft: version %(number)s was returned for revision; this text is not submitted.") % {
                "number": report.version
            }
        else:
            draft_note = _("Draft: not submitted.")
        number, submitted_on = None, ""
    else:
        frozen = version.content or {}
        sections = {name: (frozen.get("sections") or {}).get(name, "") for name in AnnualReport.SECTIONS}
        figures = frozen.get("figures") or {}
        comments = frozen.get("comments") or {}
        figures_as_of = frozen.get("figures_as_of") or figures.get("as_of", "")
        draft, draft_note = False, ""
        number = version.number
        submitted_on = _date(timezone.localdate(version.submitted_at))
    prefecture = str(center.prefecture) if center.prefecture_id else ""
    period = _("%(start)s to %(end)s") % {"start": _date(report.period_start), "end": _date(report.period_end)}
    particulars = [
        (_("Center"), center.name),
        (_("Lead unit"), center.lead_unit.name),
        (pgettext("report particulars", "Prefecture"), prefecture),
        (_("Report period"), period),
        (_("Figures as of"), _date(_parse(figures_as_of)) or figures_as_of or "—"),
        (_("Submitted on"), submitted_on or _("Not submitted")),
        (_("Version"), _("Version %(number)s") % {"number": number} if number else _("Draft")),
    ]
    if report.status in (S.FORWARDED, S.RECEIVED):
        opinion = opinion or ""
    else:
        opinion = ""
    return Content(
        report=report,
        title=title_of(report),
        draft=draft,
        draft_note=draft_note,
        particulars=particulars,
        chapters=_chapters(sections, figures, comments),
        sections=sections,
        figures=figures,
        comments=comments,
        figures_as_of=figures_as_of,
        as_of_text=_date(_parse(figures_as_of)) or figures_as_of,
        version=number,
        submitted_on=submitted_on,
        opinion=opinion,
        lead_unit=center.lead_unit.name,
        prefecture=prefecture,
    )


def contents(reports) -> list[Content]:
    """Each report's content (reports read with `center__lead_unit` and `center__prefecture`): three queries in all,
    whatever the number of reports."""
    reports = list(reports)
    ids = [report.pk for report in reports]
    if not ids:
        return []
    versions = _latest_versions(ids)
    comments = _comments(ids)
    opinions = _opinions(ids)
    return [
        _build(
            report,
            version=versions.get(report.pk),
            comments=comments.get(report.pk, {}),
            opinion=opinions.get(report.pk, ""),
        )
        for report in reports
    ]


def content(report) -> Content:
    return contents([report])[0]
