"""Who may read the audit trail: the audit administrator, and nobody else (separation of duties)."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role


def can_read_audit(user) -> Decision:
    if user.is_authenticated and user.role == Role.AUDIT_ADMIN:
        return ALLOW
    return deny(_("Only the audit administrator reads the audit trail."))
