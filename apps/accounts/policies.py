"""Who may administer accounts and security: one administrator role each (the audit trail: apps.audit.policies)."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role


def _role(user, role, reason) -> Decision:
    if user.is_authenticated and user.role == role:
        return ALLOW
    return deny(reason)


def can_manage_accounts(user) -> Decision:
    return _role(user, Role.SYSTEM_ADMIN, _("Only the system administrator manages accounts."))


def can_manage_security(user) -> Decision:
    return _role(user, Role.SECURITY_ADMIN, _("Only the security administrator manages the security policy."))


def can_manage_unit_members(user) -> Decision:
    if user.is_authenticated and user.role == Role.UNIT_ADMIN and user.organization_id:
        return ALLOW
    return deny(_("Only a unit administrator manages the accounts of the unit."))


def can_view_expert_pool(user) -> Decision:
    if user.is_authenticated and user.role == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only regional officers see the expert pool."))
