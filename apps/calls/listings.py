"""The bureau's calls as an `apps.core.listing.Listing`: filters, orders, and the columns its page shows and its
.xlsx exports."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort

from . import filters

CALLS = Listing(
    name="calls",
    title=_("Calls"),
    filterset=filters.CallFilter,
    sorts={
        "year": Sort(("year", "applications_open", "id")),  # the index `call_newest` (backwards)
        "title": Sort(("title", "id")),
    },
    default_sort="-year",
    columns=(
        Column(_("Year"), lambda c: c.year, sort="year", width=8),
        Column(_("Title"), lambda c: c.title, sort="title", width=40),
        Column(_("Applications open"), lambda c: c.applications_open, width=14),
        Column(_("Applications close"), lambda c: c.applications_close, width=14),
        Column(_("Topics"), lambda c: c.topic_count, width=8),
        Column(_("Funding allocated (yuan)"), lambda c: c.allocated or Decimal("0"), width=16),
        Column(_("Funding available (yuan)"), lambda c: c.funding_available, width=16),
        Column(_("Status"), lambda c: c.get_status_display(), width=12),
    ),
    per_page=25,
)
