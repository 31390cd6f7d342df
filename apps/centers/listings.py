"""The centers' lists as `apps.core.listing.Listing`s: what each filters, how it sorts, and the columns its page shows
and its .xlsx exports (the same ones)."""

from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort

from . import filters, selectors


def _with_terms(centers) -> None:
    """Each center's term (`selectors.term_of`: the contract version in force, already joined)."""
    for center in centers:
        center.term = selectors.term_of(center)


def _term(center) -> str:
    term = center.term
    if not term.signed:
        return str(_("Contract not signed yet"))
    return f"{term.starts_on:%Y-%m-%d} – {term.ends_on:%Y-%m-%d}"


CENTERS = Listing(
    name="centers",
    title=_("Cultivation centers"),
    filterset=filters.CenterFilter,
    sorts={
        "created": Sort(("created_at", "id")),
        "name": Sort(("name", "id")),
        "status": Sort(("status", "-created_at", "-id"), desc=("-status", "-created_at", "-id")),
    },
    default_sort="-created",
    columns=(
        Column(_("Center"), lambda c: c.name, sort="name", width=40),
        Column(_("Industry"), lambda c: c.field_industry.name if c.field_industry else "", width=20),
        Column(_("Status"), lambda c: c.get_status_display(), sort="status", width=12),
        Column(_("Lead unit"), lambda c: c.lead_unit.name, width=30),
        Column(_("Prefecture"), lambda c: c.prefecture.name, width=14),
        Column(_("Partner units"), lambda c: c.partner_count, width=10),
        Column(_("Term"), _term, width=26),
    ),
    per_page=25,
    decorate=_with_terms,
)


def _with_register_terms(centers) -> None:
    """Each center's construction term from the contract version in force (`contract__current_version`, joined by
    `views_public.register_queryset`): `term_starts_on` / `term_ends_on`, None before signing."""
    for center in centers:
        contract = getattr(center, "contract", None)
        version = contract.current_version if contract is not None else None
        center.term_starts_on = version.term_starts_on if version is not None else None
        center.term_ends_on = version.term_ends_on if version is not None else None


def _field(center) -> str:
    parts = [center.field_industry.name if center.field_industry_id else "", center.field_description or ""]
    return " · ".join(part for part in parts if part)


REGISTER = Listing(
    name="register",
    title=_("Register of cultivation centers"),
    filterset=filters.RegisterFilter,
    sorts={
        "name": Sort(("name", "id")),
        "status": Sort(("status", "name", "id")),
        "prefecture": Sort(("prefecture__sort_order", "prefecture__code", "name", "id")),
    },
    default_sort="name",
    columns=(
        Column(_("Center"), lambda c: c.name, sort="name", width=40),
        Column(_("Status"), lambda c: c.get_status_display(), sort="status", width=12),
        Column(_("Field"), _field, width=36),
        Column(_("Lead unit"), lambda c: c.lead_unit.name, width=30),
        Column(_("Prefecture"), lambda c: c.prefecture.name, sort="prefecture", width=14),
        Column(_("Term starts"), lambda c: c.term_starts_on, width=12),
        Column(_("Term ends"), lambda c: c.term_ends_on, width=12),
        Column(_("Ended on"), lambda c: c.ended_on, width=12),
    ),
    per_page=25,
    decorate=_with_register_terms,
)
