"""Patent navigation's menu entry (apps/core/navigation.py; collected by `autodiscover_modules("nav")`): the
navigation home, for units, prefecture offices and the region (`policies.can_list`)."""

from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem, register
from apps.core.roles import UNIT_ROLES, Role

register(
    NavItem(
        _("Patent navigation"),
        "navigation:home",
        frozenset({*UNIT_ROLES, Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "compass",
        47,
        group="centers",
    ),
)
