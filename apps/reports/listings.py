"""The annual work reports' list as an `apps.core.listing.Listing`: the filters of `filters.ReportFilter`, orders,
and the columns its page shows and its .xlsx exports."""

from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort

from . import filters
from .templatetags.reports_tags import timeliness

REPORTS = Listing(
    name="reports",
    title=_("Annual work reports"),
    filterset=filters.ReportFilter,
    sorts={
        "year": Sort(("year", "center_id", "id")),  # the index `annual_report_year_center`, both ways
        "due": Sort(("due_on", "id")),
        "center": Sort(("center__name", "-year", "id")),
    },
    default_sort="-year",
    columns=(
        Column(_("Annual work report"), lambda r: f"{r.center.name} · {r.year}", sort="center", width=44),
        Column(_("Lead unit"), lambda r: r.center.lead_unit.name, width=28),
        Column(_("Prefecture"), lambda r: r.center.prefecture.name, width=14),
        Column(_("Status"), lambda r: r.get_status_display(), width=14),
        Column(_("Due date"), lambda r: r.due_on, sort="due", width=12),
        Column(_("Timeliness"), lambda r: timeliness(r)[0], width=18),
        Column(_("Versions"), lambda r: r.version, width=8),
    ),
    per_page=25,
)
