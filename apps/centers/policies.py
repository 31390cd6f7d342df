"""Who is who to a center, shared by every part of the centers app, and the conditions of the center's transitions.

Visibility (`selectors.visible_to`) decides 404: a center the user may not see does not exist for them. The
relations below decide 403 on what is visible and serve as the `actor` of the transitions of every part
(`workflow.CENTER` and the parts' own tables); each returns a `Decision` with the Chinese reason:

- `is_regional_officer(user)`: the regional bureau (approves, contracts, allocates, inspects: Art. 5);
- `is_prefecture_office_of(user, center)`: the office of the center's prefecture (daily management, Art. 6);
- `is_lead_unit_admin_of(user, center)`: the unit administrator of the lead unit (acts for the center, Art. 7);
- `is_lead_unit_member_of(user, center)`: any user of the lead unit (administrator or member);
- `is_partner_of(user, center)`: a user of a current partner unit (sees the center, never acts for the lead unit).

Nothing here says which role takes which transition: the tables do."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role

from . import delisting


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


# ---------------------------------------------------------------- relations (403)


def is_regional_officer(user, center=None) -> Decision:
    """The regional bureau."""
    if _authenticated(user) and user.role == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only the regional bureau does this."))


def is_prefecture_office_of(user, center) -> Decision:
    """The prefecture office of the center's prefecture."""
    if (
        _authenticated(user)
        and user.role == Role.PREFECTURE_OFFICER
        and user.prefecture_id
        and user.prefecture_id == center.prefecture_id
    ):
        return ALLOW
    return deny(_("Only the prefecture office of the center's prefecture does this."))


def is_lead_unit_admin_of(user, center) -> Decision:
    """The unit administrator of the center's lead unit."""
    if _authenticated(user) and user.role == Role.UNIT_ADMIN and user.organization_id == center.lead_unit_id:
        return ALLOW
    return deny(_("Only the unit administrator of the center's lead unit does this."))


def is_lead_unit_member_of(user, center) -> Decision:
    """A user of the center's lead unit (its administrator or a member)."""
    if _authenticated(user) and user.role in UNIT_ROLES and user.organization_id == center.lead_unit_id:
        return ALLOW
    return deny(_("Only the lead unit of the center does this."))


def _current_partner_ids(center) -> set[int]:
    """The organizations of the center's current partners: from the prefetched `partners` when the page read them,
    else one query."""
    cached = getattr(center, "_prefetched_objects_cache", {}).get("partners")
    if cached is not None:
        return {p.organization_id for p in cached if p.left_on is None}
    return set(center.partners.filter(left_on__isnull=True).values_list("organization_id", flat=True))


def is_partner_of(user, center) -> Decision:
    """A user of a current partner unit of the center (not its lead unit): sees the center, acts for no one."""
    if (
        _authenticated(user)
        and user.role in UNIT_ROLES
        and user.organization_id
        and user.organization_id != center.lead_unit_id
        and user.organization_id in _current_partner_ids(center)
    ):
        return ALLOW
    return deny(_("Your unit is not a partner of this center."))


def can_list(user) -> Decision:
    """Units (their own centers), prefecture offices (their prefecture's) and the regional bureau (all)."""
    if _authenticated(user) and (
        (user.role in UNIT_ROLES and user.organization_id)
        or (user.role == Role.PREFECTURE_OFFICER and user.prefecture_id)
        or user.role == Role.REGIONAL_OFFICER
    ):
        return ALLOW
    return deny(_("Only units, prefecture offices and the regional bureau see cultivation centers."))


def can_view(user, center) -> Decision:
    from .selectors import visible_to

    if _authenticated(user) and visible_to(user).filter(pk=center.pk).exists():
        return ALLOW
    return deny(_("You cannot see this center."))


# ---------------------------------------------------------------- conditions of the transitions (workflow.py)
# Each `(center) -> Decision`; the first line of its docstring is the rule in words (docs/workflows.md).


def contract_in_force(center) -> Decision:
    """The construction contract (version 1) is signed and in force (Art. 12)."""
    from .models import Contract

    if Contract.objects.filter(center_id=center.pk, current_version__isnull=False).exists():
        return ALLOW
    return deny(_("The construction contract has not been signed and put in force yet."))


def no_open_rectification(center) -> Decision:
    """No rectification of the center is still open (open, or reported and not yet concluded)."""
    open_count = getattr(center, "open_rectification_count", None)  # annotated by the home's query
    if open_count is None:
        from .selectors import RECTIFICATION_OPEN

        open_count = center.rectifications.filter(status__in=RECTIFICATION_OPEN).count()
    if open_count:
        return deny(
            _("%(count)s rectification(s) of the center are still open: conclude them first.") % {"count": open_count}
        )
    return ALLOW


def termination_approved(center) -> Decision:
    """The regional bureau has approved a termination of the center (Art. 5(3))."""
    from .models import Termination

    if center.terminations.filter(status=Termination.Status.APPROVED).exists():
        return ALLOW
    return deny(_("A center is terminated only by an approved termination."))


def delisting_grounds(center) -> Decision:
    """An evaluation gives grounds for delisting (Art. 17(3); providers register in `delisting`)."""
    return delisting.grounds(center)
