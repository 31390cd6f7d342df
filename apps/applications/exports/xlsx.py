"""Spreadsheets (openpyxl): the applications of a call, and the ranking of a topic. Neither names an expert or
shows an individual score."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


def _sheet(workbook, title, header, rows, widths=None):
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(row)
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
        .prefetch_related("partnerships__organization", "budget_items")
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
    sheet = _sheet(workbook, _("Applications"), header, rows, [6, 30, 30, 30, 22, 12, 40, 16, 16, 22, 18, 10, 10])
    for row in sheet.iter_rows(min_row=2, min_col=11, max_col=11):
        for cell in row:
            cell.number_format = "yyyy-mm-dd hh:mm"
    return _save(workbook)


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
        for app in ranking(topic)
    ]
    sheet = _sheet(workbook, _("Ranking"), header, rows, [8, 34, 34, 12, 8, 18, 22])
    sheet.insert_rows(1)
    sheet["A1"] = f"{topic.call.title} · {topic}"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.freeze_panes = "A3"
    return _save(workbook)
