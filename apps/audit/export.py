"""The audit trail as an .xlsx workbook: the columns of the list (`listings.AUDIT`), confidential values masked,
written row by row (openpyxl's write-only mode, the entries read in chunks: memory stays flat) by
`apps.core.listing`. The trail keeps what arrived, anonymous visitors' typing included: every cell is written by
apps.core.documents (cleaned, never a formula)."""

from apps.core import listing

from . import listings

MAX_ROWS = 200_000


def entries_to_xlsx(entries) -> bytes:
    """The workbook of `entries` (a queryset, in its order; at most MAX_ROWS rows) as bytes."""
    with listing.workbook_file(_capped(), entries) as spool:
        return spool.read()


def _capped():
    from dataclasses import replace

    return replace(listings.AUDIT, export_cap=MAX_ROWS)
