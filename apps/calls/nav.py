from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import UNIT_ROLES, Role

register(
    NavItem(_("Calls"), "calls:manage_list", frozenset({Role.REGIONAL_OFFICER}), "megaphone-fill", 40, group="calls"),
    NavItem(
        _("Calls"),
        "calls:public_list",
        frozenset(UNIT_ROLES | {Role.PREFECTURE_OFFICER, Role.EXPERT}),
        "megaphone-fill",
        40,
        group="calls",
    ),
)


def _panels(request):
    from .models import Call
    from .selectors import managed_by, upcoming_or_open_calls

    user = request.user
    if user.role == Role.REGIONAL_OFFICER:
        # One grouped query for the four figures (issue 14).
        counts = dict(managed_by(user).order_by().values_list("status").annotate(n=Count("pk")))
        url = reverse("calls:manage_list")
        S = Call.Status
        return [
            workbench.Panel(
                _("Calls"),
                [
                    (_("Drafts"), counts.get(S.DRAFT, 0), url),
                    (_("Open for applications"), counts.get(S.PUBLISHED, 0), url),
                    (_("Applications closed"), counts.get(S.APPLICATIONS_CLOSED, 0), url),
                    (_("Under review"), counts.get(S.REVIEWING, 0), url),
                ],
            )
        ]
    if user.role in UNIT_ROLES or user.role == Role.PREFECTURE_OFFICER:
        calls = list(upcoming_or_open_calls()[:3])
        return [
            workbench.Panel(
                _("Open calls"),
                [(c.title, c.applications_close.isoformat(), c.get_absolute_url()) for c in calls],
                empty_text=_("No call is open at the moment."),
            )
        ]
    return []


workbench.register(_panels)
