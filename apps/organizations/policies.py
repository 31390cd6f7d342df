"""Who sees and decides what about organizations.

Visibility (selectors.visible_to) decides 404; these functions decide 403 on what is visible. The registration's
transitions (approve, reject, resubmit) state their whole rule in workflow.REGISTRATION; the relations they need
are here."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role


def can_view(user, organization) -> Decision:
    from .selectors import visible_to

    if visible_to(user).filter(pk=organization.pk).exists():
        return ALLOW
    return deny(_("You cannot see this organization."))


def is_reviewing_office(user, organization) -> Decision:
    """The office of the organization's prefecture; the regional bureau for one outside the region (Art. 6(1))."""
    in_region = organization.prefecture_id is not None
    if user.role == Role.PREFECTURE_OFFICER and in_region and organization.prefecture_id == user.prefecture_id:
        return ALLOW
    if user.role == Role.REGIONAL_OFFICER and organization.prefecture_id is None:
        return ALLOW
    return deny(_("Only the prefecture office of this organization approves its registration."))


def is_own_unit_admin(user, organization) -> Decision:
    """The unit administrator of this organization."""
    if user.role == Role.UNIT_ADMIN and user.organization_id == organization.pk:
        return ALLOW
    return deny(_("Only the unit administrator of this organization may resubmit it."))


def can_edit(user, organization) -> Decision:
    """A unit administrator corrects its own registration until it is approved; afterwards its prefecture office
    changes the data."""
    if (
        user.is_authenticated
        and user.role == Role.UNIT_ADMIN
        and user.organization_id == organization.pk
        and organization.status != organization.Status.APPROVED
    ):
        return ALLOW
    return deny(_("An approved organization's data is changed by its prefecture office."))


def can_manage_integrity(user, organization) -> Decision:
    if user.role == Role.REGIONAL_OFFICER:
        return ALLOW
    if user.role == Role.PREFECTURE_OFFICER and organization.prefecture_id == user.prefecture_id:
        return ALLOW
    return deny(_("Only officers record integrity information."))


def can_list(user) -> Decision:
    if user.role in (Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER):
        return ALLOW
    return deny(_("Only officers see the list of organizations."))
