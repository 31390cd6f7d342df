"""Who sees and does what in the KPI early warning (issue 21). Each returns a `Decision` with the Chinese reason
(403); what a user may not see at all is a 404 by the selectors (`selectors.flags_visible_to`).

- `can_list(user)`: the regional bureau (every center's flags) and a prefecture office (its prefecture's);
- `may_dismiss(user, flag)`: the regional bureau, or the prefecture office of the flag's center (Art. 6(1): the
  prefecture's daily management of its centers). The lead unit is told of the flag and sees it, but does not
  dismiss a warning about itself."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from apps.centers import policies as center_policies
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def can_list(user) -> Decision:
    if _authenticated(user) and (
        user.role == Role.REGIONAL_OFFICER or (user.role == Role.PREFECTURE_OFFICER and user.prefecture_id)
    ):
        return ALLOW
    return deny(_("Only the regional bureau and the prefecture offices see the KPI early warnings of all centers."))


def can_see_panel(user) -> Decision:
    """The home panel: the region, a prefecture office, a unit (its own centers' warnings)."""
    if _authenticated(user) and user.role in (Role.REGIONAL_OFFICER, Role.PREFECTURE_OFFICER, *UNIT_ROLES):
        return ALLOW
    return deny(_("Only the region, the prefecture offices and the units see KPI early warnings."))


def may_dismiss(user, flag) -> Decision:
    """The regional bureau, or the prefecture office of the flag's center."""
    if center_policies.is_regional_officer(user) or center_policies.is_prefecture_office_of(user, flag.center):
        return ALLOW
    return deny(_("Only the regional bureau or the prefecture office of the center dismisses a KPI early warning."))


def recipients(center):
    """Whom a flag of `center` is told to: the lead unit's administrators, the prefecture office of its prefecture
    and the regional bureau (active accounts), in one query."""
    return get_user_model().objects.filter(
        Q(role=Role.UNIT_ADMIN, organization_id=center.lead_unit_id)
        | Q(role=Role.PREFECTURE_OFFICER, prefecture_id=center.prefecture_id)
        | Q(role=Role.REGIONAL_OFFICER),
        is_active=True,
    )
