"""The audit trail as an `apps.core.listing.Listing` (`AUDIT`): the filters of `filters.AuditFilter`, newest first
(the sequence number; the trail grows without bound, so it sorts by its sequence only, indexed), 50 entries a page,
and the columns its page shows and its .xlsx exports (`?format=xlsx`, or `audit:export`): every entry through
`confidential.shown` (the values of confidential fields masked, in the page and the export alike)."""

import json

from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort

from . import confidential, filters
from .labels import action_label, object_type_label


def _masked(entries) -> None:
    """Each entry replaced, in place, by what the audit administrator may see of it (`confidential.shown`)."""
    for index, entry in enumerate(entries):
        entries[index] = confidential.shown(entry)


def _json(values) -> str:
    return json.dumps(values, ensure_ascii=False) if values is not None else ""


def _time(entry):
    from django.utils import timezone

    return timezone.localtime(entry.created_at).replace(tzinfo=None, microsecond=0)


AUDIT = Listing(
    name="audit",
    title=_("Audit trail"),
    filterset=filters.AuditFilter,
    sorts={"seq": Sort(("seq",))},
    default_sort="-seq",
    columns=(
        Column(_("Sequence"), lambda e: e.seq, sort="seq", width=10),
        Column(_("Time"), _time, width=20),
        Column(_("User"), lambda e: e.actor_username, width=16),
        Column(_("IP address"), lambda e: e.ip or "", width=16),
        Column(_("Action"), lambda e: f"{action_label(e.action)} ({e.action})", width=30),
        Column(_("Object type"), lambda e: str(object_type_label(e.object_type)), width=18),
        Column(_("Object ID"), lambda e: e.object_id, width=10),
        Column(_("Object"), lambda e: e.object_repr, width=30),
        Column(_("Before"), lambda e: _json(e.before), width=40),
        Column(_("After"), lambda e: _json(e.after), width=40),
        Column(_("Details"), lambda e: e.message, width=40),
        Column(_("Hash (SM3)"), lambda e: e.hash, width=24),
    ),
    per_page=50,
    decorate=_masked,
)
