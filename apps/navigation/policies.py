"""Who may see and do what in patent navigation (Art. 13(2)): the datasets, imports, navigation reports and
prior-art searches belong to a center, and the center's visibility comes first (`centers.selectors.visible_to`: a
center the user may not see does not exist for them, nor do its datasets or reports: 404).

- `can_list(user)`: units, prefecture offices and the regional bureau (the navigation home lists what they see);
- `can_work(user, center)`: the center's lead unit (administrator or member) while the center keeps records
  (`patents.policies.KEEPING`): creates datasets, imports, defines and recomputes reports, searches prior art;
- `can_view_datasets(user, center)`: the lead unit, the center's prefecture office and the regional bureau see the
  datasets and their imports (read-only for the offices);
- `can_view_report(user, report)`: as datasets, plus the users of the center's IP council's member units
  (`CouncilMember.organization`) and current partners when the report is shared with the council;
- `can_share(user, report)`: the lead unit (shares with / withdraws from the IP council);
- `can_view_search(user, search)`: the lead unit only — a prior-art search holds an unpublished invention's text.

Each returns a `Decision` with the Chinese reason (403)."""

from django.utils.translation import gettext as _

from apps.centers import policies as center_policies
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role
from apps.patents.policies import KEEPING


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def can_list(user) -> Decision:
    if _authenticated(user) and (
        (user.role in UNIT_ROLES and user.organization_id)
        or (user.role == Role.PREFECTURE_OFFICER and user.prefecture_id)
        or user.role == Role.REGIONAL_OFFICER
    ):
        return ALLOW
    return deny(_("Only units, prefecture offices and the regional bureau use patent navigation."))


def can_work(user, center) -> Decision:
    decision = center_policies.is_lead_unit_member_of(user, center)
    if not decision:
        return decision
    if center.status not in KEEPING:
        return deny(_("The center has ended: its navigation work can no longer be changed."))
    return ALLOW


def is_supervisor_of(user, center) -> Decision:
    """The center's prefecture office or the regional bureau (they read, never write)."""
    if center_policies.is_regional_officer(user) or center_policies.is_prefecture_office_of(user, center):
        return ALLOW
    return deny(_("Only the center's lead unit, its prefecture office and the regional bureau see this."))


def can_view_datasets(user, center) -> Decision:
    if center_policies.is_lead_unit_member_of(user, center):
        return ALLOW
    return is_supervisor_of(user, center)


def is_council_party_of(user, center) -> bool:
    """A user of a unit that sits on the center's IP council or is a current partner."""
    if not (_authenticated(user) and user.role in UNIT_ROLES and user.organization_id):
        return False
    from apps.centers.models import CouncilMember

    if CouncilMember.objects.filter(center=center, organization_id=user.organization_id).exists():
        return True
    return bool(center_policies.is_partner_of(user, center))


def can_view_report(user, report) -> Decision:
    center = report.center
    if can_view_datasets(user, center):
        return ALLOW
    if report.shared_with_council and is_council_party_of(user, center):
        return ALLOW
    return deny(_("This navigation report has not been shared with your unit."))


def can_share(user, report) -> Decision:
    return can_work(user, report.center)


def can_view_search(user, search) -> Decision:
    if center_policies.is_lead_unit_member_of(user, search.center):
        return ALLOW
    return deny(_("Only the center's lead unit sees its prior-art searches (they hold unpublished inventions)."))
