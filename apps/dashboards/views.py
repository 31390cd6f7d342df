"""The dashboards' pages (thin): `home` opens the user's own picture — the region's or the prefecture office's, or
for a unit its center's dashboard (the list of its centers when it leads several) — and `center` one center's."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from apps.core.policy import guard

from . import policies, selectors, selectors_scope


@login_required
def home(request):
    user = request.user
    guard(policies.can_view_dashboards(user))
    if policies.can_view_area(user):
        figures = selectors.area(user)
        return render(request, "dashboards/area.html", {"figures": figures, "charts": figures.charts()})
    centers = list(selectors_scope.centers_for(user).order_by("name"))
    if len(centers) == 1:
        return redirect("dashboards:center", pk=centers[0].pk)
    return render(request, "dashboards/choose.html", {"centers": centers})


@login_required
def center(request, pk):
    user = request.user
    guard(policies.can_view_dashboards(user))
    found = get_object_or_404(selectors_scope.centers_for(user), pk=pk)
    figures = selectors.center(found)
    return render(
        request,
        "dashboards/center.html",
        {
            "center": found,
            "figures": figures,
            "charts": figures.charts(),
            "is_area": bool(policies.can_view_area(user)),
        },
    )
