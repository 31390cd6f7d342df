"""Who sees and decides what about organizations.

Visibility (selectors.visible_to) decides 404; these functions decide 403 on what is visible."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role


def can_view(user, organization) -> Decision:
    from .selectors import visible_to

    if visible_to(user).filter(pk=organization.pk).exists():
        return ALLOW
    return deny(_("You cannot see this organization."))


def can_review(user, organization) -> Decision:
    """Registration approval belongs to the office of the organization's prefecture (Art. 6(1)); organizations
    outside the region (IP service agencies) are approved by the regional bureau."""
    if (
        user.role == Role.PREFECTURE_OFFICER
        and organization.prefecture_id
        and organization.prefecture_id == user.prefecture_id
    ):
        return ALLOW
    if user.role == Role.REGIONAL_OFFICER and organization.prefecture_id is None:
        return ALLOW
    return deny(_("Only the prefecture office of this organization approves its registration."))


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
