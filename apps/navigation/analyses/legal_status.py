"""Legal-status mix: `legal_status(records) -> list` (`run_all(...)["legal_status"]`): records by
`Patent.LegalStatus` value, labelled with its label; a missing or unrecognised status counts as "unknown"
(未知); most records first, ties in the order of the choices. The counts add up to `total`."""

from django.utils.translation import gettext as _

from apps.patents.models import Patent

from .expressions import LEGAL_STATUSES, UNKNOWN


def label(status: str) -> str:
    if status in LEGAL_STATUSES:
        return str(Patent.LegalStatus(status).label)
    return _("Unknown status")


def legal_status(records) -> list[dict]:
    # `status` is `expressions.LEGAL_STATUS` (the tally `facet`)
    counts = records.rows(f"SELECT status, sum(n)::BIGINT FROM {records.tally('facet')} GROUP BY 1")
    order = {status: index for index, status in enumerate((*LEGAL_STATUSES, UNKNOWN))}
    counts.sort(key=lambda row: (-row[1], order.get(row[0], len(order))))
    return [{"status": status, "label": label(status), "count": count} for status, count in counts]
