"""The applications' list as an `apps.core.listing.Listing`: its filters, its orders (the default one served by the
indexes of `Application.Meta`, issue 14) and the columns its page shows and its .xlsx exports (the same ones: no
score, no expert, nothing the page does not show)."""

from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort, local_time

from . import filters, selectors

APPLICATIONS = Listing(
    name="applications",
    title=_("List of applications"),
    filterset=filters.ApplicationFilter,
    sorts={
        "updated": Sort(tuple(term.lstrip("-") for term in selectors.LIST_ORDER)),
        "name": Sort(("project_name", "id")),
    },
    default_sort="-updated",
    columns=(
        Column(_("Project name"), lambda a: a.project_name, sort="name", width=36),
        Column(_("Topic"), lambda a: str(a.topic), width=28),
        Column(_("Call"), lambda a: a.call.title, width=28),
        Column(_("Lead unit"), lambda a: a.lead_unit.name, width=28),
        Column(_("Prefecture"), lambda a: a.lead_unit.prefecture.name if a.lead_unit.prefecture_id else "", width=14),
        Column(_("Partners"), lambda a: a.partner_count, width=8),
        Column(_("Status"), lambda a: a.status_label(), width=14),
        Column(_("Last saved"), lambda a: local_time(a.updated_at), sort="updated", width=18),
    ),
    per_page=25,
)
