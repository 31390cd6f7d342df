from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import UNIT_ROLES, Role

register(
    NavItem(_("Calls"), "calls:manage_list", frozenset({Role.REGIONAL_OFFICER}), "megaphone-fill", 40),
    NavItem(
        _("Calls"),
        "calls:public_list",
        frozenset(UNIT_ROLES | {Role.PREFECTURE_OFFICER, Role.EXPERT}),
        "megaphone-fill",
        40,
    ),
)


def _panels(request):
    from .models import Call
    from .selectors import managed_by, upcoming_or_open_calls

    user = request.user
    if user.role == Role.REGIONAL_OFFICER:
        qs = managed_by(user)
        url = reverse("calls:manage_list")
        return [
            workbench.Panel(
                _("Calls"),
                [
                    (_("Drafts"), qs.filter(status=Call.Status.DRAFT).count(), url),
                    (_("Open for applications"), qs.filter(status=Call.Status.PUBLISHED).count(), url),
                    (_("Applications closed"), qs.filter(status=Call.Status.APPLICATIONS_CLOSED).count(), url),
                    (_("Under review"), qs.filter(status=Call.Status.REVIEWING).count(), url),
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
