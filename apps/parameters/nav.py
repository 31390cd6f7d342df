from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem, register
from apps.core.roles import Role

register(
    NavItem(_("Rule parameters"), "parameters:list", frozenset({Role.REGIONAL_OFFICER}), "sliders", 86, group="system")
)
