"""The KPI early warnings' list as an `apps.core.listing.Listing`: filters (state, prefecture), orders (raised on,
center, risk level) and the columns its page shows and its .xlsx exports (`?format=xlsx`)."""

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort

from . import filters


def _number(value) -> str:
    return "—" if value is None else floatformat(value, "-2")


def risk_lines(flag) -> str:
    """The KPIs behind the warning as the page shows them, one a line: "name：reached → projected / target unit"
    (the lines prefetched by `selectors.flag_list`)."""
    return "\n".join(
        f"{line.name}：{_number(line.actual)} → {_number(line.projected)} / {_number(line.target)} {line.unit}"
        for line in flag.lines.all()
        if line.at_risk
    )


def contract_year(flag) -> str:
    return gettext("Year %(n)s") % {"n": flag.year}


FLAGS = Listing(
    name="flags",
    title=_("KPI early warning"),
    filterset=filters.FlagFilter,
    sorts={
        "raised": Sort(("raised_on", "id")),
        "center": Sort(("center__name", "id")),
        "level": Sort(("level", "-raised_on", "id"), ("-level", "raised_on", "-id")),
    },
    default_sort="-raised",
    columns=(
        Column(_("Center"), lambda f: f.center.name, sort="center", width=32),
        Column(_("Lead unit"), lambda f: f.center.lead_unit.name, width=30),
        Column(_("Prefecture"), lambda f: f.center.prefecture.name if f.center.prefecture_id else "", width=14),
        Column(_("Contract year"), contract_year, width=10),
        Column(_("Contract year ends on"), lambda f: f.year_ends_on, width=14),
        Column(_("Risk level"), lambda f: f.get_level_display(), sort="level", width=12),
        Column(_("KPIs behind the warning"), risk_lines, width=48),
        Column(_("State"), lambda f: f.get_state_display(), width=10),
        Column(_("Raised on"), lambda f: f.raised_on, sort="raised", width=12),
    ),
    per_page=20,
)
