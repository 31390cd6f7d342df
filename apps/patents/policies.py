"""Who may see and keep a center's patent records (Art. 7, 13, 16), shared by every part of the patents app.

Visibility is the center's (`centers.selectors.visible_to`): a center the user may not see does not exist for
them (404), nor do its patents, disclosures, imports or KPI table. On a visible center:

- `can_view(user, center)`: the center's lead unit and partners, its prefecture office, the regional bureau;
- `can_keep(user, center)`: the center's lead unit (administrator or member) keeps its records — patents, imports,
  assessments, gradings, utilization, standards, alliances, self-reported KPI values — while the center runs
  (contracting, under construction, rectifying, accepted); an ended center's records are read-only;
- `can_configure(user, center)`: the lead unit's administrator sets the center's weights (assessment, grading);
- `can_configure_region(user)`: the regional bureau keeps the region-wide settings (the strategic-industry IPC map,
  the high-value pledge threshold, shared import templates).

Each returns a `Decision` with the Chinese reason (403)."""

from django.utils.translation import gettext as _

from apps.centers import policies as center_policies
from apps.centers.models import Center
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role

# A center in one of these states keeps its patent records; an ended one is read-only.
KEEPING = (Center.Status.CONTRACTING, *Center.RUNNING)


def can_view(user, center) -> Decision:
    """The center's units, its prefecture office and the regional bureau (the center is visible to them)."""
    return center_policies.can_view(user, center)


def can_keep(user, center) -> Decision:
    """The center's lead unit, while the center runs."""
    decision = center_policies.is_lead_unit_member_of(user, center)
    if not decision:
        return decision
    if center.status not in KEEPING:
        return deny(_("The center has ended: its patent records can no longer be changed."))
    return ALLOW


def can_configure(user, center) -> Decision:
    """The unit administrator of the center's lead unit, while the center runs."""
    decision = center_policies.is_lead_unit_admin_of(user, center)
    if not decision:
        return decision
    if center.status not in KEEPING:
        return deny(_("The center has ended: its settings can no longer be changed."))
    return ALLOW


def can_configure_region(user) -> Decision:
    """The regional bureau."""
    if user is not None and getattr(user, "is_authenticated", False) and user.role == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only the regional bureau does this."))
