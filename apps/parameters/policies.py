"""Who may tune the rule parameters: the regional bureau (Art. 5, Art. 19: it runs and interprets the measures)."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role


def can_manage(user) -> Decision:
    if getattr(user, "is_authenticated", False) and getattr(user, "role", None) == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only the regional bureau sets the rule parameters."))
