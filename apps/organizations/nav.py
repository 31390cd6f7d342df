from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import tallies, workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import Role

register(
    NavItem(
        _("Organizations"),
        "organizations:list",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "building",
        20,
        group="data",
    )
)


def _panels(request):
    from .models import Organization
    from .tallies import ORGANIZATIONS

    user = request.user
    if user.role in (Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER):
        # The kept counts of the register (`tallies.ORGANIZATIONS`): a dozen rows, whatever its size (issue 14).
        prefecture = (user.prefecture_id or 0) if user.role == Role.PREFECTURE_OFFICER else None
        counts = tallies.counts(ORGANIZATIONS, prefecture_id=prefecture)
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
