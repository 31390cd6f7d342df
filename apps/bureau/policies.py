"""Who may see and do what in the bureau's own work (Art. 5(1)–(2), 5(5), 19). Each returns a `Decision` with the
Chinese reason (403); what is published is public and needs no decision (the public pages read `selectors`).

- `can_manage(user)`: the regional bureau — drafts, publishes and supersedes documents; writes, publishes,
  declines and withdraws showcases; answers questions and publishes them as FAQ entries;
- `can_propose_showcase(user, center)`: the center's lead unit (administrator or member) proposes its own good
  practice; `can_view_showcase(user, showcase)`: the region, and the proposing unit for its own proposal;
- `can_ask(user)`: a unit account (administrator or member) asks questions; `can_view_question(user, question)`:
  the region, and the asking unit's accounts for their unit's questions (a question is the unit's, not the public's,
  until the region publishes its FAQ wording)."""

from django.utils.translation import gettext as _

from apps.centers import policies as center_policies
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def can_manage(user) -> Decision:
    if _authenticated(user) and user.role == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only the regional bureau does this."))


def can_propose_showcase(user, center) -> Decision:
    return center_policies.is_lead_unit_member_of(user, center)


def can_view_showcase(user, showcase) -> Decision:
    if can_manage(user):
        return ALLOW
    if (
        _authenticated(user)
        and user.role in UNIT_ROLES
        and showcase.proposed_by_id is not None
        and user.organization_id == showcase.proposed_by_id
    ):
        return ALLOW
    return deny(_("Only the regional bureau and the unit that proposed it see this showcase."))


def can_ask(user) -> Decision:
    if _authenticated(user) and user.role in UNIT_ROLES and user.organization_id:
        return ALLOW
    return deny(_("Only unit accounts ask policy questions."))


def can_view_question(user, question) -> Decision:
    if can_manage(user):
        return ALLOW
    if _authenticated(user) and user.role in UNIT_ROLES and user.organization_id == question.organization_id:
        return ALLOW
    return deny(_("Only the regional bureau and the asking unit see this question."))


def can_list_showcases(user) -> Decision:
    """The showcases page (bureau:showcases): the region, and unit accounts for their own proposals (Art. 5(5))."""
    if can_manage(user):
        return ALLOW
    if _authenticated(user) and user.role in UNIT_ROLES and user.organization_id:
        return ALLOW
    return deny(_("Only the regional bureau and unit accounts see the showcases here."))


def can_list_questions(user) -> Decision:
    """The policy questions page (bureau:questions): the region (every question), and unit accounts (their unit's
    questions and answers, Art. 19)."""
    if can_manage(user) or can_ask(user):
        return ALLOW
    return deny(_("Only the regional bureau and unit accounts see policy questions."))
