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
    NavItem(_("My reviews"), "applications:reviews", frozenset({Role.EXPERT}), "clipboard-check", 40),
)


def _panels(request):
    from .models import Application, Review
    from .selectors import reviews_for_expert, visible_to

    user = request.user
    url = reverse("applications:list")
    S = Application.Status
    if user.role in (Role.UNIT_ADMIN, Role.UNIT_MEMBER):
        qs = visible_to(user)
        return [
            workbench.Panel(
                _("My applications"),
                [
                    (_("Drafts"), qs.filter(status=S.DRAFT).count(), f"{url}?status=draft"),
                    (
                        _("Returned for revision"),
                        qs.filter(status__in=[S.RETURNED, S.FORMAL_RETURNED]).count(),
                        f"{url}?status=returned",
                    ),
                    (
                        _("Under review"),
                        qs.filter(status__in=[S.SUBMITTED, S.RECOMMENDED, S.EXPERT_REVIEW, S.SELECTED]).count(),
                        url,
                    ),
                    (_("Approved for construction"), qs.filter(status=S.APPROVED).count(), f"{url}?status=approved"),
                ],
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
