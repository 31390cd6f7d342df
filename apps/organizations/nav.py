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
        qs = visible_to(user)
        url = reverse("organizations:list")
        return [
            workbench.Panel(
                _("Organizations"),
                [
                    (
                        _("Awaiting approval"),
                        qs.filter(status=Organization.Status.PENDING).count(),
                        f"{url}?status=pending",
                    ),
                    (_("Approved"), qs.filter(status=Organization.Status.APPROVED).count(), f"{url}?status=approved"),
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
