"""The KPI early warning's menu entry (apps/core/navigation.py) and home-page panel (apps/core/workbench.py): the
open warnings the user is told of — every center's for the region, its prefecture's for a prefecture office, its
own centers' for the lead unit."""

from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import UNIT_ROLES, Role

register(
    NavItem(
        _("KPI early warning"),
        "monitoring:flags",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "exclamation-triangle",
        47,
        group="supervision",
    ),
)

PANEL_ROLES = frozenset({Role.REGIONAL_OFFICER, Role.PREFECTURE_OFFICER, *UNIT_ROLES})


def _panels(request):
    """A placeholder that htmx fills from `monitoring:panel` (apps/monitoring/views_panel.py) once the home page is
    shown, so the warnings cost the home page no query (issue 14: at most 15)."""
    if getattr(request.user, "role", None) not in PANEL_ROLES:
        return []
    return [workbench.Panel(_("KPI early warnings"), template="monitoring/panel_lazy.html")]


workbench.register(_panels)
