"""The patents' lists as `apps.core.listing.Listing`s: a center's portfolio (`PORTFOLIO`, `patents:portfolio`) and
every patent a user may see (`ALL`, `patents:all`: the same with the center's column). Filters: `filters.PatentFilter`
/ `AllPatentsFilter`. Orders (`?sort=`, the values the page always had): `-filing` (the default: filing date, newest
first), `filing`, `grant` / `-grant` (a patent without a grant date last either way), `number`."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort

from . import filters

SORTS = {
    "filing": Sort(("filing_date", "id")),
    "grant": Sort(
        (F("grant_date").asc(nulls_last=True), "id"),
        desc=(F("grant_date").desc(nulls_last=True), "-id"),
    ),
    "number": Sort(("application_number", "id")),
}


def _columns(with_center: bool) -> tuple:
    center = (Column(_("Center"), lambda p: p.center.name, width=36),) if with_center else ()
    return (
        Column(_("Application number"), lambda p: p.display_number, sort="number", width=20),
        Column(_("Title"), lambda p: p.title, width=40),
        Column(_("Applicants"), lambda p: "；".join(p.applicants or []), width=30),
        *center,
        Column(_("Type"), lambda p: p.get_patent_type_display(), width=10),
        Column(_("Legal status"), lambda p: p.get_legal_status_display(), width=10),
        Column(_("Grade"), lambda p: p.grade, width=8),
        Column(_("Overseas family member"), lambda p: str(_("Yes") if p.has_overseas else _("No")), width=10),
        Column(_("Filed"), lambda p: p.filing_date, sort="filing", width=12),
        Column(_("Granted"), lambda p: p.grant_date, sort="grant", width=12),
    )


PORTFOLIO = Listing(
    name="patents",
    title=_("Patent portfolio"),
    filterset=filters.PatentFilter,
    sorts=SORTS,
    default_sort="-filing",
    columns=_columns(with_center=False),
    per_page=25,
)

ALL = Listing(
    name="all-patents",
    title=_("Patents of the cultivation centers"),
    filterset=filters.AllPatentsFilter,
    sorts=SORTS,
    default_sort="-filing",
    columns=_columns(with_center=True),
    per_page=25,
)
