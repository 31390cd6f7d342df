"""The demand pool as an `apps.core.listing.Listing`: filters, orders, and the columns its page shows and its .xlsx
exports (the regional bureau's own list: the experts' opinions are counted and averaged as on the page)."""

from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort, local_date

from . import filters


def _opinions(demand) -> str:
    return f"{demand.submitted_count} / {demand.assigned_count}" if demand.assigned_count else "—"


def _mean(demand):
    return round(demand.mean_score, 1) if demand.mean_score is not None else "—"


POOL = Listing(
    name="demands",
    title=_("Demand pool"),
    filterset=filters.PoolFilter,
    sorts={"created": Sort(("created_at", "id")), "title": Sort(("title", "id"))},
    default_sort="-created",
    columns=(
        Column(_("Receipt number"), lambda d: d.receipt_number, width=18),
        Column(_("Demand title"), lambda d: d.title, sort="title", width=36),
        Column(_("Submitted on"), lambda d: local_date(d.created_at), sort="created", width=12),
        Column(_("Industry"), lambda d: str(d.industry) if d.industry_id else "", width=16),
        Column(_("Organization"), lambda d: d.organization_name, width=28),
        Column(_("Status"), lambda d: str(d.status_label()), width=14),
        Column(_("Opinions"), _opinions, width=10),
        Column(_("Mean score"), _mean, width=10),
    ),
    per_page=25,
)
