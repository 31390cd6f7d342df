"""The annual reports' menu entries (apps/core/navigation.py) and home-page panel (apps/core/workbench.py): the
reports awaiting this user's act — the lead unit's drafts and returned reports, the prefecture office's submitted
ones, the region's forwarded ones."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import UNIT_ROLES, Role

register(
    NavItem(_("Annual work reports"), "reports:list", frozenset(UNIT_ROLES), "journal-text", 46, group="centers"),
    NavItem(
        _("Annual work reports"),
        "reports:list",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "journal-text",
        46,
        group="centers",
    ),
    NavItem(_("Reporting years"), "reports:years", frozenset({Role.REGIONAL_OFFICER}), "calendar3", 88, group="system"),
)

PANEL_ROWS = 5
TITLES = {
    Role.UNIT_ADMIN: _("Annual reports to write and submit"),
    Role.UNIT_MEMBER: _("Annual reports to write"),
    Role.PREFECTURE_OFFICER: _("Annual reports awaiting your review"),
    Role.REGIONAL_OFFICER: _("Annual reports awaiting receipt"),
}


def _panels(request):
    from .selectors import awaiting

    user = request.user
    title = TITLES.get(user.role)
    if title is None:
        return []
    reports = list(awaiting(user).order_by("due_on", "id")[: PANEL_ROWS + 1])
    if not reports:
        return []
    rows = [
        (f"{r.center.name} · {r.year}", r.get_status_display(), reverse("reports:detail", args=[r.pk]))
        for r in reports[:PANEL_ROWS]
    ]
    if len(reports) > PANEL_ROWS:
        rows.append((_("All annual reports"), "…", reverse("reports:list")))
    return [workbench.Panel(title, rows)]


workbench.register(_panels)
