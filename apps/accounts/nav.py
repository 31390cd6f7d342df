from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem, register
from apps.core.roles import Role

register(
    NavItem(_("Accounts"), "accounts:user_list", frozenset({Role.SYSTEM_ADMIN}), "people", 10),
    NavItem(_("Security policy"), "accounts:security_home", frozenset({Role.SECURITY_ADMIN}), "shield-lock", 10),
    NavItem(_("Two-factor status"), "accounts:security_users", frozenset({Role.SECURITY_ADMIN}), "phone", 11),
    NavItem(_("Unit accounts"), "accounts:unit_members", frozenset({Role.UNIT_ADMIN}), "people", 90, group="system"),
    NavItem(_("Expert profile"), "accounts:expert_profile", frozenset({Role.EXPERT}), "person-badge", 90),
    NavItem(
        _("Expert pool"), "accounts:expert_pool", frozenset({Role.REGIONAL_OFFICER}), "mortarboard", 80, group="data"
    ),
)
