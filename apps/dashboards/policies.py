"""Who sees which dashboard (issue 21): the regional bureau the region's, a prefecture office its prefecture's, a
center's lead unit (its administrator and members) that center's. A center's dashboard is also open to the region
and to the center's prefecture office; for anyone else the center does not exist (404, `selectors_scope`)."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def can_view_area(user) -> Decision:
    """The picture of many centers: the regional bureau (all) and a prefecture office (its own)."""
    if _authenticated(user) and (
        user.role == Role.REGIONAL_OFFICER or (user.role == Role.PREFECTURE_OFFICER and user.prefecture_id)
    ):
        return ALLOW
    return deny(_("Only the regional bureau and the prefecture offices see the dashboard of the centers."))


def can_view_dashboards(user) -> Decision:
    """Some dashboard: the officers' pictures, and units' their centers' (the lead unit's users)."""
    if can_view_area(user) or (_authenticated(user) and user.role in UNIT_ROLES and user.organization_id):
        return ALLOW
    return deny(_("Dashboards are for the regional bureau, the prefecture offices and the centers' lead units."))
