from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem, register
from apps.core.roles import Role

register(
    NavItem(
        _("Working-day calendar"),
        "reference:calendar",
        frozenset({Role.REGIONAL_OFFICER}),
        "calendar3",
        85,
        group="system",
    ),
)
