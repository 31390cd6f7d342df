"""Spreadsheets (openpyxl): the applications of a call, and the ranking of a topic. Neither names an expert or
shows an individual score. Every sheet is written by apps.core.documents.xlsx_sheet (text as text, never a
formula; a bold shaded header row), and each sheet is named for what it holds."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from apps.core import documents

from .. import kpis
from ..models import Indicator


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def call_workbook(call, applications) -> bytes:
    workbook = Workbook()
    header = [
        _("No."),
        _("Topic"),
        _("Project name"),
        _("Lead unit"),
        _("Unified social credit code"),
        _("Prefecture"),
        _("Partners"),
        _("Requested funds (yuan)"),
        _("Matched funds (yuan)"),
        _("Status"),
        _("First submitted at"),
        _("Expert score"),
        _("Rank in topic"),
    ]
    rows = []
    applications = (
        applications.select_related("topic", "lead_unit", "lead_unit__prefecture")
        .prefetch_related(
            "partnerships__organization",
            "budget_items",
            Prefetch(
                "indicators", queryset=Indicator.objects.select_related("topic_indicator").prefetch_related("targets")
            ),
        )
        .order_by("topic__number", "review_rank", "lead_unit__name")
    )
    for number, app in enumerate(applications, start=1):
        rows.append(
            [
                number,
                str(app.topic),
                app.project_name,
                app.lead_unit.name,
                app.lead_unit.credit_code,
                str(app.lead_unit.prefecture or ""),
                "、".join(p.organization.name for p in app.partnerships.all()),
                float(app.requested_total),
                float(app.matched_total),
                app.status_label(),
                _local(app.submitted_at),
                float(app.review_score) if app.review_score is not None else None,
                app.review_rank,
            ]
        )
    sheet = documents.xlsx_sheet(
        workbook, pgettext("sheet", "Applications"), header, rows, [6, 30, 30, 30, 22, 12, 40, 16, 16, 22, 18, 10, 10]
    )
    for row in sheet.iter_rows(min_row=2, min_col=11, max_col=11):
        for cell in row:
            cell.number_format = "yyyy-mm-dd hh:mm"
    _indicator_sheet(workbook, applications)
    return documents.document_bytes(workbook)


def _number(value):
    return float(value) if value is not None else None


def _indicator_sheet(workbook, applications):
    """The KPIs of every application, one row per indicator with its target of each year of the term."""
    years = list(kpis.years())
    header = [
        _("No."),
        _("Topic"),
        _("Project name"),
        _("Lead unit"),
        _("Indicator"),
        _("Unit"),
        _("Baseline"),
        *(_("Year %(year)s") % {"year": year} for year in years),
        _("Topic minimum"),
    ]
    rows = []
    for number, app in enumerate(applications, start=1):
        for indicator in app.indicators.all():
            targets = indicator.targets_by_year()
            rows.append(
                [
                    number,
                    str(app.topic),
                    app.project_name,
                    app.lead_unit.name,
                    indicator.name,
                    indicator.unit,
                    _number(indicator.baseline),
                    *(_number(targets.get(year)) for year in years),
                    _number(indicator.topic_indicator.minimum_target) if indicator.topic_indicator_id else None,
                ]
            )
    documents.xlsx_sheet(
        workbook,
        pgettext("sheet", "Indicators"),
        header,
        rows,
        [6, 30, 30, 30, 24, 8, 10, *[10] * len(years), 12],
        new=True,
    )


def ranking_workbook(topic) -> bytes:
    from ..selectors import ranking

    workbook = Workbook()
    header = [
        _("Rank"),
        _("Project name"),
        _("Lead unit"),
        _("Expert score"),
        _("Tied"),
        _("Requested funds (yuan)"),
        _("Status"),
    ]
    rows = [
        [
            app.review_rank,
            app.project_name,
            app.lead_unit.name,
            float(app.review_score) if app.review_score is not None else None,
            _("Tie") if app.review_tied else "",
            float(app.requested_total),
            app.status_label(),
        ]
        for app in ranking(topic).prefetch_related("budget_items")
    ]
    sheet = documents.xlsx_sheet(workbook, pgettext("sheet", "Ranking"), header, rows, [8, 34, 34, 12, 8, 18, 22])
    sheet.insert_rows(1)
    documents.xlsx_set(sheet["A1"], f"{topic.call.title} · {topic}")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.freeze_panes = "A3"
    return documents.document_bytes(workbook)
