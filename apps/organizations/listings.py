"""The organizations' list as an `apps.core.listing.Listing`: filters, orders, and the columns its page shows and
its .xlsx exports."""

from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort

from . import filters

ORGANIZATIONS = Listing(
    name="organizations",
    title=_("Organizations"),
    filterset=filters.OrganizationFilter,
    sorts={
        "status": Sort(("status", "name", "id")),  # the indexes `org_by_status` / `org_prefecture_status`
        "name": Sort(("name", "id")),
    },
    default_sort="status",
    columns=(
        Column(_("Organization name"), lambda o: o.name, sort="name", width=36),
        Column(_("Unified social credit code"), lambda o: o.credit_code, width=22),
        Column(_("Organization type"), lambda o: o.get_kind_display(), width=18),
        Column(_("Prefecture"), lambda o: o.prefecture.name if o.prefecture_id else "", width=14),
        Column(_("Status"), lambda o: o.get_status_display(), sort="status", width=12),
    ),
    per_page=25,
)
