from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import Role

register(
    NavItem(
        _("My applications"), "applications:list", frozenset({Role.UNIT_ADMIN, Role.UNIT_MEMBER}), "journal-text", 40
    ),
    NavItem(
        _("Application review"),
        "applications:list",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "journal-text",
        40,
    ),
    NavItem(_("Expert review"), "applications:panels", frozenset({Role.REGIONAL_OFFICER}), "people", 45),
    NavItem(
        _("Statistics"),
        "applications:statistics",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "bar-chart",
        95,
    ),
    NavItem(_("My reviews"), "applications:reviews", frozenset({Role.EXPERT}), "clipboard-check", 40),
)


def _unit_rows(user, url) -> list:
    """Each of the unit's own applications counted once, under the label its page shows (`status_label`: a
    selected application's label follows its notice's dates)."""
    from collections import Counter

    from .models import Application
    from .selectors import visible_to

    if not user.organization_id:
        return []
    own = visible_to(user).filter(lead_unit_id=user.organization_id).select_related("selection__notice")
    counts = Counter()
    links = {}
    order = {value: index for index, value in enumerate(Application.Status.values)}
    for application in sorted(own, key=lambda a: order.get(a.status, 99)):
        label = application.status_label()
        counts[label] += 1
        links.setdefault(label, f"{url}?status={application.status}")
    return [(label, count, links[label]) for label, count in counts.items()]


def _panels(request):
    from .models import Application, Review
    from .selectors import reviews_for_expert, visible_to

    user = request.user
    url = reverse("applications:list")
    S = Application.Status
    if user.role in (Role.UNIT_ADMIN, Role.UNIT_MEMBER):
        return [
            workbench.Panel(
                _("My applications"), _unit_rows(user, url), empty_text=_("Your unit has no application yet.")
            )
        ]
    if user.role == Role.PREFECTURE_OFFICER:
        qs = visible_to(user)
        return [
            workbench.Panel(
                _("Application review"),
                [
                    (
                        _("Awaiting your recommendation"),
                        qs.filter(status=S.SUBMITTED).count(),
                        f"{url}?status=submitted",
                    ),
                    (
                        _("Recommended"),
                        qs.filter(~Q(status__in=[S.SUBMITTED, S.RETURNED, S.REJECTED, S.WITHDRAWN])).count(),
                        url,
                    ),
                ],
            )
        ]
    if user.role == Role.REGIONAL_OFFICER:
        qs = visible_to(user)
        return [
            workbench.Panel(
                _("Application review"),
                [
                    (
                        _("Awaiting the formal check"),
                        qs.filter(status=S.RECOMMENDED).count(),
                        f"{url}?status=recommended",
                    ),
                    (
                        _("Under expert review"),
                        qs.filter(status=S.EXPERT_REVIEW).count(),
                        reverse("applications:panels"),
                    ),
                    (_("Under public notice"), qs.filter(status=S.SELECTED).count(), f"{url}?status=selected"),
                    (_("Approved for construction"), qs.filter(status=S.APPROVED).count(), f"{url}?status=approved"),
                ],
            )
        ]
    if user.role == Role.EXPERT:
        qs = reviews_for_expert(user)
        return [
            workbench.Panel(
                _("My reviews"),
                [
                    (_("To score"), qs.filter(status=Review.Status.ASSIGNED).count(), reverse("applications:reviews")),
                    (_("Scored"), qs.filter(status=Review.Status.SUBMITTED).count(), reverse("applications:reviews")),
                ],
            )
        ]
    return []


workbench.register(_panels)
