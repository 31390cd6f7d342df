from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem, register
from apps.core.roles import Role

register(
    NavItem(_("Audit trail"), "audit:list", frozenset({Role.AUDIT_ADMIN}), "journal-text", 10),
    NavItem(_("Chain integrity"), "audit:chain", frozenset({Role.AUDIT_ADMIN}), "link-45deg", 11),
)
