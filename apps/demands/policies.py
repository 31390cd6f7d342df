"""Who may do what in the demand pool.

The regional bureau collects, screens, assigns experts and decides (Art. 8); experts argue only the demands
assigned to them; units follow their own demands. Visibility (selectors.visible_to) decides 404; these decide 403.
The demand's transitions state their whole rule in workflow.DEMAND; the conditions they need are here."""

from django.utils.translation import gettext as _

from apps.accounts import conflicts
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role

from .rules import ARGUMENT_MIN_EXPERTS


def _is_regional(user) -> bool:
    return user is not None and user.is_authenticated and user.role == Role.REGIONAL_OFFICER


def can_manage_pool(user, demand=None) -> Decision:
    if _is_regional(user):
        return ALLOW
    return deny(_("Only the regional bureau screens and decides demands."))


can_manage_rounds = can_manage_pool


def can_submit_as_unit(user) -> Decision:
    if user.is_authenticated and user.role in UNIT_ROLES and user.organization_id:
        return ALLOW
    return deny(_("Only unit accounts submit demands from their account; anyone can use the public form."))


# ---------------------------------------------------------------- conditions of the demand's transitions (workflow)


def enough_experts_assigned(demand) -> Decision:
    """At least ARGUMENT_MIN_EXPERTS experts (a parameter, three by default) are assigned to argue the demand."""
    assigned = demand.arguments.active().count()
    minimum = ARGUMENT_MIN_EXPERTS.value()
    if assigned < minimum:
        return deny(
            _("At least %(min)s experts must argue a demand; %(n)s are assigned.") % {"min": minimum, "n": assigned}
        )
    return ALLOW


def enough_opinions_in(demand) -> Decision:
    """At least ARGUMENT_MIN_EXPERTS expert opinions (a parameter, three by default) have been received."""
    submitted = demand.arguments.filter(submitted_at__isnull=False).count()
    minimum = ARGUMENT_MIN_EXPERTS.value()
    if submitted < minimum:
        return deny(
            _("At least %(n)s expert opinions are needed to conclude the argument (%(have)s received).")
            % {"n": minimum, "have": submitted}
        )
    return ALLOW


def can_argue(user, demand) -> Decision:
    """An expert records an opinion only on a demand assigned to them, while its argument runs."""
    if not (user is not None and user.is_authenticated and user.role == Role.EXPERT):
        return deny(_("Only experts argue demands."))
    argument = demand.arguments.filter(expert=user).first()
    if argument is None:
        return deny(_("This demand has not been assigned to you."))
    if argument.is_excluded:
        return deny(
            _("You were withdrawn from this argument for a conflict of interest: %(reason)s")
            % {"reason": argument.conflict_reason}
        )
    if demand.status != demand.Status.UNDER_ARGUMENT:
        return deny(_("The argument of this demand is not running: opinions can no longer be changed."))
    reason = expert_conflict_reason(user, demand)
    if reason:
        return deny(reason)
    return ALLOW


def can_see_arguments(user, demand) -> Decision:
    """Expert names and scores: the regional bureau only (never the submitter)."""
    if _is_regional(user):
        return ALLOW
    return deny(_("Expert opinions are visible to the regional bureau only."))


def can_see_contact(user, demand) -> Decision:
    """The submitter's phone and email: the bureau and the submitter's own unit."""
    if _is_regional(user):
        return ALLOW
    if user.is_authenticated and user.role in UNIT_ROLES and demand.organization_id == user.organization_id:
        return ALLOW
    return deny(_("Contact details are visible to the regional bureau only."))


def conflict_parties(demand) -> list[conflicts.Party]:
    """The organization involved in a demand: its submitter (registered, or the name written in the public form)."""
    name = (demand.organization_name or "").strip() or (demand.organization.name if demand.organization_id else "")
    return [conflicts.Party(conflicts.SUBMITTER, demand.organization_id, name)]


def expert_conflict_reason(expert, demand) -> str | None:
    """Why `expert` must not argue `demand` (None when free): not an expert, or a conflict of interest with the
    submitting organization (declared, employer, former employer: apps.accounts.conflicts, the one rule)."""
    if expert.role != Role.EXPERT:
        return _("%(name)s is not an expert.") % {"name": expert.display_name}
    return conflicts.reason(expert, conflict_parties(demand)) or None
