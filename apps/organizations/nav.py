from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import Role

register(
    NavItem(
        _("Organizations"),
        "organizations:list",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "building",
        20,
    )
)


def _panels(request):
    from .models import Organization
    from .selectors import visible_to

    user = request.user
    if user.role in (Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER):
        # One grouped query for both figures (issue 14).
        counts = dict(visible_to(user).order_by().values_list("status").annotate(n=Count("*")))
        url = reverse("organizations:list")
        S = Organization.Status
        return [
            workbench.Panel(
                _("Organizations"),
                [
                    (_("Awaiting approval"), counts.get(S.PENDING, 0), f"{url}?status=pending"),
                    (_("Approved"), counts.get(S.APPROVED, 0), f"{url}?status=approved"),
                ],
            )
        ]
    if user.role in (Role.UNIT_ADMIN, Role.UNIT_MEMBER) and user.organization_id:
        org = user.organization
        return [
            workbench.Panel(
                _("My organization"),
                [
                    (org.name, org.get_status_display(), reverse("organizations:detail", args=[org.pk])),
                ],
            )
        ]
    return []


workbench.register(_panels)
