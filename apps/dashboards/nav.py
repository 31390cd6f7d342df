"""The dashboards' menu entry and the workbench panel that opens them (apps/core/navigation.py, workbench.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import UNIT_ROLES, Role

from .policies import can_view_area, can_view_dashboards

ROLES = frozenset({*UNIT_ROLES, Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER})

register(NavItem(_("Dashboard"), "dashboards:home", ROLES, "speedometer2", 5))


def panels(request) -> list:
    """A panel on the home page that opens the user's dashboard (no query: the figures are on the dashboard)."""
    user = request.user
    if not can_view_dashboards(user):
        return []
    label = _("Map, KPIs, funding and the pipeline") if can_view_area(user) else _("KPI progress, funding, deadlines")
    return [workbench.Panel(title=_("Dashboard"), items=[(label, "", reverse("dashboards:home"))])]


workbench.register(panels)
