"""A year's annual work reports at once, as the user may see them (`selectors.visible_to`: the region all, a
prefecture office its centers', a unit its own):

- `year_xlsx(year, user)`: the summary, one row per center (center, lead unit, prefecture, status, due date, first
  submitted, days late, the KPIs' actual against target, the funds allocated and spent in the year) and a second
  sheet with every KPI row of every report (target, actual, status, the unit's comment);
- `year_zip(year, user)`: every report as .docx ("<prefecture>-<center>-<year>.docx", a name Windows accepts) and
  the summary .xlsx.

Figures are those the documents show (`content.contents`: the last submitted version, or a draft's current
figures). The spreadsheet is written with the shared sheet writer `apps.core.documents.xlsx_sheet`: text is
always text (a name or comment beginning with = + - @ is never a formula). Reads: the reports with their centers
in one query, then three for every report's version, comments and opinion, whatever the number of reports."""

import io
import zipfile
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from apps.core import clock, documents, inputs
from apps.core.errors import DomainError
from apps.patents.kpi import MET, STATUS_LABELS

from .. import selectors
from ..reminders import lateness
from . import docx
from .content import Content, contents

MONEY_FORMAT = "#,##0.00"
ALLOCATED, SPENT = "funding.allocated_year", "funding.spent_year"


def reports_of(year: int, user):
    """The reports of `year` the user sees, by prefecture then center."""
    return selectors.visible_to(user).filter(year=year).order_by("center__prefecture__code", "center__name", "id")


def _number(value) -> Decimal | None:
    """A figure's "number" (a decimal as text, written by `prefill.number_of`) parsed strictly
    (`apps.core.inputs.parse_decimal`); anything else (a float, "1_0", "NaN", text) is no number: the cell stays empty
    rather than showing a guess."""
    try:
        return inputs.parse_decimal(value, label="number")
    except DomainError:
        return None


def _rows(data: Content, group_key: str) -> list[dict]:
    for group in (data.figures or {}).get("groups", []):
        if group.get("key") == group_key:
            return list(group.get("rows", []))
    return []


def _figure(data: Content, key: str) -> Decimal | None:
    for group in (data.figures or {}).get("groups", []):
        for row in group.get("rows", []):
            if row.get("key") == key:
                return _number(row.get("number"))
    return None


def _status(row) -> str:
    return str(STATUS_LABELS.get(row.get("status") or "", ""))


def _kpi_summary(rows) -> str:
    return "\n".join(
        _("%(indicator)s: actual %(actual)s / target %(target)s")
        % {
            "indicator": row.get("label", ""),
            "actual": row.get("value") or "—",
            "target": row.get("target") or "—",
        }
        + (f"（{_status(row)}）" if _status(row) else "")
        for row in rows
    )


def _summary_row(number: int, data: Content, today) -> list:
    report = data.report
    kpis = _rows(data, "kpi")
    with_target = [row for row in kpis if row.get("status") not in ("", "no_target")]
    met = sum(1 for row in with_target if row.get("status") == MET)
    return [
        number,
        report.center.name,
        data.lead_unit,
        data.prefecture,
        report.get_status_display(),
        report.due_on,
        report.first_submitted_on,
        lateness(report, today),
        data.version or _("Draft"),
        f"{met}/{len(with_target)}" if with_target else "—",
        _kpi_summary(kpis),
        _figure(data, ALLOCATED),
        _figure(data, SPENT),
        data.figures_as_of,
    ]


def _kpi_rows(datas: list[Content]) -> list[list]:
    rows = []
    for data in datas:
        for row in _rows(data, "kpi"):
            rows.append(
                [
                    len(rows) + 1,
                    data.report.center.name,
                    data.prefecture,
                    row.get("label", ""),
                    row.get("target") or "",
                    row.get("value") or "",
                    _number(row.get("number")),
                    _status(row),
                    data.comments.get(row.get("key", ""), ""),
                ]
            )
    return rows


def workbook(year: int, datas: list[Content]) -> bytes:
    today = clock.today()
    book = Workbook()
    header = [
        _("No."),
        _("Center"),
        _("Lead unit"),
        pgettext("report particulars", "Prefecture"),
        _("Status"),
        _("Due date"),
        _("First submitted on"),
        _("Days late"),
        _("Version"),
        _("KPIs met"),
        _("KPIs: actual against target"),
        _("Funds allocated in the year (yuan)"),
        _("Funds spent in the year (yuan)"),
        _("Figures as of"),
    ]
    rows = [_summary_row(number, data, today) for number, data in enumerate(datas, start=1)]
    title = _("Annual work reports %(year)s summary") % {"year": year}
    sheet = documents.xlsx_sheet(book, title, header, rows, [6, 36, 30, 12, 22, 12, 12, 8, 8, 10, 60, 18, 18, 12])
    for column in ("F", "G"):
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    for column in ("L", "M"):
        for cell in sheet[column][1:]:
            cell.number_format = MONEY_FORMAT
    kpi_header = [
        _("No."),
        _("Center"),
        pgettext("report particulars", "Prefecture"),
        _("Indicator"),
        pgettext("kpi table", "Target"),
        _("Actual"),
        _("Actual (number)"),
        _("Achievement"),
        _("The unit's comment"),
    ]
    documents.xlsx_sheet(
        book, pgettext("sheet", "KPIs"), kpi_header, _kpi_rows(datas), [6, 36, 12, 30, 14, 14, 12, 10, 50], new=True
    )
    return documents.document_bytes(book)


def year_xlsx(year: int, user) -> bytes:
    return workbook(year, contents(reports_of(year, user)))


def docx_name(data: Content) -> str:
    """ "<prefecture>-<center name>-<year>.docx": no character Windows refuses (\\ / : * ? " < > |), no spaces."""
    return documents.file_name(data.prefecture, data.report.center.name, data.report.year, extension="docx")


def summary_name(year: int) -> str:
    return documents.file_name(_("Annual work reports %(year)s summary") % {"year": year}, extension="xlsx")


def year_zip(year: int, user) -> bytes:
    datas = contents(reports_of(year, user))
    buffer = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for data in datas:
            name = docx_name(data)
            stem, n = name.removesuffix(".docx"), 1
            while name.casefold() in used:  # Windows compares names without case
                n += 1
                name = f"{stem}-{n}.docx"
            used.add(name.casefold())
            archive.writestr(name, docx.write(data))
        archive.writestr(summary_name(year), workbook(year, datas))
    return buffer.getvalue()
