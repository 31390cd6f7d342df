"""The patents' menu entries (apps/core/navigation.py; collected by `autodiscover_modules("nav")`), one block per part.

A center's own patent pages are reached through its tab bar (`centers.tabs`: "patents", "kpi"); the menu leads to
the lists across centers."""

from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem, register
from apps.core.roles import UNIT_ROLES, Role

# --- portfolio: every patent of the centers the user sees (`patents:all`)
register(
    NavItem(_("Our centers' patents"), "patents:all", frozenset(UNIT_ROLES), "collection", 44, group="centers"),
    NavItem(
        _("Patents of the centers"),
        "patents:all",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "collection",
        44,
        group="centers",
    ),
)

# --- grading: the region's strategic-industry IPC list (the high-value flag's first category)
register(
    NavItem(
        _("Strategic industry IPCs"),
        "patents:strategic_ipc",
        frozenset({Role.REGIONAL_OFFICER}),
        "diagram-2",
        87,
        group="data",
    ),
)
