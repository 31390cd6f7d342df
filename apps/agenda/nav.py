"""The agenda's menu entries (apps/core/navigation.py) and its workbench panel "即将到期" (apps/core/workbench.py):
the next open deadlines of the user's items, each linking to its item, and the way to the calendar."""

from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import ADMIN_ROLES, Role

register(
    NavItem(_("Deadline calendar"), "agenda:calendar", frozenset(Role), "calendar-event", 84, group="supervision"),
    NavItem(
        _("Overdue items"),
        "agenda:operations",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "exclamation-triangle",
        85,
        group="supervision",
    ),
)


def _panels(request):
    """The panel is a placeholder that htmx fills from `agenda:upcoming` once the home page is shown: reading the
    deadlines of every source costs ten queries, which the home page (at most 15, issue 14) cannot carry."""
    user = request.user
    if not getattr(user, "is_authenticated", False) or user.role in ADMIN_ROLES:
        return []  # the administrators own no business item with a date
    return [workbench.Panel(_("Due soon"), template="agenda/panel_lazy.html")]


workbench.register(_panels)
