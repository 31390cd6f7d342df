"""Who may publish on the portal and resolve objections: the regional bureau (Art. 5). Reading is public."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role


def can_publish(user) -> Decision:
    """`user` None is the system itself (a scheduled job publishing on the bureau's behalf)."""
    if user is None or (user.is_authenticated and user.role == Role.REGIONAL_OFFICER):
        return ALLOW
    return deny(_("Only the regional bureau publishes announcements and public notices."))


def can_resolve_objection(user, objection=None) -> Decision:
    if user is not None and user.is_authenticated and user.role == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only the regional bureau resolves objections."))
