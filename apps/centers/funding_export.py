"""The ledgers as .xlsx workbooks (openpyxl, write-only: memory stays flat however long the ledger):

- `center_workbook(center)`: the balance by year and in total, by budget category, and every entry;
- `year_workbook(year)`: every center's balance in that year (one row per center) and every entry of the year.

Every cell goes through `apps.core.documents` (text as text: a description starting with = + - @ is never a
formula; control characters removed). Amounts are numbers (yuan, two decimals) so that the sheet sums them."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from apps.core import documents

from . import funding
from .models import Center, LedgerEntry

MONEY_FORMAT = "#,##0.00"


def _balance_header():
    return [
        _("Allocated (yuan)"),
        _("Spent (yuan)"),
        _("Matched funds (yuan)"),
        _("Clawed back (yuan)"),
        _("Repaid (yuan)"),
        _("Available (yuan)"),
    ]


def _balance_values(balance) -> list:
    return [
        balance.allocated,
        balance.spent,
        balance.matched,
        balance.clawed_back,
        balance.received,
        balance.available,
    ]


def _entry_header(*, with_center: bool) -> list:
    header = [
        _("No."),
        _("Entry date"),
        _("Kind"),
        _("Amount (yuan)"),
        _("Tranche"),
        _("Budget category"),
        _("Document number"),
        pgettext("ledger", "Description"),
        _("Reason"),
        _("Due on"),
        _("Corrects entry"),
        _("Entered by"),
        _("Entered at"),
    ]
    return [_("Center"), *header] if with_center else header


def _entry_values(entry, *, with_center: bool) -> list:
    values = [
        entry.pk,
        entry.occurred_on,
        entry.get_kind_display(),
        entry.amount,
        entry.tranche_number,
        entry.category,
        entry.document_number,
        entry.description,
        entry.reason,
        entry.due_on,
        entry.corrects_id,
        entry.created_by.display_name if entry.created_by_id else "",
        timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M"),
    ]
    return [entry.center.name, *values] if with_center else values


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(documents.sheet_title(title))
    sheet.append(documents.xlsx_row(sheet, header))
    for row in rows:
        cells = documents.xlsx_row(sheet, row)
        for cell, value in zip(cells, row, strict=True):
            if hasattr(value, "as_tuple"):  # Decimal: an amount
                cell.number_format = MONEY_FORMAT
        sheet.append(cells)
    return sheet


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def center_workbook(center) -> bytes:
    workbook = Workbook(write_only=True)
    yearly = funding.by_year([center.pk])
    total = funding.balance(center)
    rows = [[year, *_balance_values(balance)] for (_center, year), balance in yearly.items()]
    rows.append([_("Total"), *_balance_values(total)])
    _sheet(workbook, _("Balance by year"), [_("Year"), *_balance_header()], rows)
    _sheet(
        workbook,
        _("By budget category"),
        [_("Budget category"), _("Budget (yuan)"), _("Spent (yuan)"), _("Remaining (yuan)")],
        [[c.category, c.allocated, c.spent_to_date, c.remaining] for c in total.categories],
    )
    entries = LedgerEntry.objects.filter(center_id=center.pk).select_related("created_by").order_by("occurred_on", "id")
    _sheet(
        workbook,
        _("Entries"),
        _entry_header(with_center=False),
        (_entry_values(e, with_center=False) for e in entries.iterator(chunk_size=2000)),
    )
    return _save(workbook)


def year_workbook(year: int) -> bytes:
    workbook = Workbook(write_only=True)
    centers = list(Center.objects.select_related("lead_unit", "prefecture").order_by("prefecture__code", "name"))
    balances = funding.by_year([c.pk for c in centers], year=year)
    empty = funding.Balance(year=year)
    _sheet(
        workbook,
        _("Balances %(year)s") % {"year": year},
        [_("Center"), _("Lead unit"), _("Prefecture"), _("Status"), *_balance_header()],
        [
            [c.name, c.lead_unit.name, c.prefecture.name, c.get_status_display()]
            + _balance_values(balances.get((c.pk, year), empty))
            for c in centers
        ],
    )
    entries = (
        LedgerEntry.objects.filter(year=year)
        .select_related("center", "created_by")
        .order_by("center__name", "occurred_on", "id")
    )
    _sheet(
        workbook,
        _("Entries %(year)s") % {"year": year},
        _entry_header(with_center=True),
        (_entry_values(e, with_center=True) for e in entries.iterator(chunk_size=2000)),
    )
    return _save(workbook)
