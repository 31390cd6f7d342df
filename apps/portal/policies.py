"""Who may publish on the portal: the regional bureau (Art. 5). Reading is public. Who resolves an objection is
said by its transition (workflow.OBJECTION)."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role


def can_publish(user) -> Decision:
    """`user` None is the system itself (a scheduled job publishing on the bureau's behalf)."""
    if user is None or (user.is_authenticated and user.role == Role.REGIONAL_OFFICER):
        return ALLOW
    return deny(_("Only the regional bureau publishes announcements and public notices."))
