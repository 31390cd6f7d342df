"""The home panel "指标预警" (apps/monitoring/nav.py), filled by htmx after the home page loads: the open warnings
the user is told of — every center's for the region, its prefecture's for a prefecture office, its own centers'
for the lead unit — the latest `PANEL_ROWS`, and the way to all of them. Kept off the home page's own queries
(issue 14: a home page reads at most 15)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.core.policy import guard

from . import policies
from .models import Flag
from .selectors import flags_visible_to

PANEL_ROWS = 5


@login_required
@require_GET
def panel(request):
    user = request.user
    guard(policies.can_see_panel(user))
    flags = list(
        flags_visible_to(user)
        .filter(state=Flag.State.OPEN)
        .select_related("center")
        .order_by("-raised_on", "-id")[: PANEL_ROWS + 1]
    )
    return render(
        request,
        "monitoring/panel.html",
        {"flags": flags[:PANEL_ROWS], "more": len(flags) > PANEL_ROWS, "officer": bool(policies.can_list(user))},
    )
