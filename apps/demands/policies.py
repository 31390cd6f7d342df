"""Who may do what in the demand pool.

The regional bureau collects, screens, assigns experts and decides (Art. 8); experts argue only the demands
assigned to them; units follow their own demands. Visibility (selectors.visible_to) decides 404; these decide 403.
Functions used in the transition table also state what must hold (e.g. at least three experts)."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role

MIN_EXPERTS = 3  # at least three experts argue each demand


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


def can_start_argument(user, demand) -> Decision:
    if not _is_regional(user):
        return can_manage_pool(user)
    if demand.arguments.count() < MIN_EXPERTS:
        return deny(_("Assign at least %(n)s experts before the argument starts.") % {"n": MIN_EXPERTS})
    return ALLOW


def can_conclude_argument(user, demand) -> Decision:
    if not _is_regional(user):
        return can_manage_pool(user)
    submitted = demand.arguments.filter(submitted_at__isnull=False).count()
    if submitted < MIN_EXPERTS:
        return deny(
            _("At least %(n)s expert opinions are needed to conclude the argument (%(have)s received).")
            % {"n": MIN_EXPERTS, "have": submitted}
        )
    return ALLOW


def can_argue(user, demand) -> Decision:
    """An expert records an opinion only on a demand assigned to them, while its argument runs."""
    if not (user is not None and user.is_authenticated and user.role == Role.EXPERT):
        return deny(_("Only experts argue demands."))
    if not demand.arguments.filter(expert=user).exists():
        return deny(_("This demand has not been assigned to you."))
    if demand.status != demand.Status.UNDER_ARGUMENT:
        return deny(_("The argument of this demand is not running: opinions can no longer be changed."))
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
