"""Who maintains the reference data. The working-day calendar belongs to the regional bureau."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role


def can_manage_calendar(user) -> Decision:
    if getattr(user, "role", None) == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only the regional bureau maintains the working-day calendar."))
