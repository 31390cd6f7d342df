"""The centers' menu entry and home-page (workbench) panels: the region's and a prefecture's centers by status (one
grouped query), a unit's own centers."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import UNIT_ROLES, Role

register(
    NavItem(_("Our centers"), "centers:list", frozenset(UNIT_ROLES), "award", 42, group="centers"),
    NavItem(
        _("Cultivation centers"),
        "centers:list",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "award",
        42,
        group="centers",
    ),
    # supervision part: upcoming inspections and acceptances, open rectifications (the region all, a prefecture its own)
    NavItem(
        _("Supervision of centers"),
        "centers:supervision_overview",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "clipboard-check",
        43,
        group="supervision",
    ),
)

UNIT_PANEL_ROWS = 5


def _by_status(user, url) -> list:
    """(status label, count, link to the list filtered by it) for each status the user's centers are in."""
    from .models import Center
    from .selectors import counts_by_status

    counts = counts_by_status(user)
    return [
        (label, counts[value], f"{url}?status={value}") for value, label in Center.Status.choices if counts.get(value)
    ]


def _panels(request):
    from .selectors import visible_to

    user = request.user
    url = reverse("centers:list")
    if user.role == Role.REGIONAL_OFFICER:
        return [workbench.Panel(_("Cultivation centers"), _by_status(user, url), empty_text=_("No center yet."))]
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return [
            workbench.Panel(
                _("Centers of your prefecture"), _by_status(user, url), empty_text=_("No center in your prefecture.")
            )
        ]
    if user.role in UNIT_ROLES and user.organization_id:
        centers = list(visible_to(user).order_by("-created_at", "-id")[: UNIT_PANEL_ROWS + 1])
        rows = [(c.name, c.get_status_display(), c.get_absolute_url()) for c in centers[:UNIT_PANEL_ROWS]]
        if len(centers) > UNIT_PANEL_ROWS:
            rows.append((_("All our centers"), "…", url))
        return (
            [workbench.Panel(_("Our centers"), rows, empty_text=_("Your unit takes part in no center yet."))]
            if rows
            else []
        )
    return []


workbench.register(_panels)
