"""The owner types of the foundation: an organization's own documents (business licence and others).

Later apps register their own models in their AppConfig.ready() or nav.py (see registry.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role

from .registry import register_owner

ORGANIZATION_KINDS = {
    "licence": gettext_lazy("Business licence"),
    "other": gettext_lazy("Other document"),
}


def can_upload_organization_file(user, organization, kind=None) -> Decision:
    """The unit administrator keeps the organization's documents; officers read them."""
    if (
        getattr(user, "is_authenticated", False)
        and user.role == Role.UNIT_ADMIN
        and user.organization_id == organization.pk
    ):
        return ALLOW
    return deny(_("Only the unit administrator of this organization adds or removes its documents."))


def register_foundation_owners() -> None:
    from apps.organizations import policies, selectors
    from apps.organizations.models import Organization

    register_owner(
        Organization,
        visible=selectors.visible_to,
        can_view=policies.can_view,
        can_upload=can_upload_organization_file,
        kinds=ORGANIZATION_KINDS,
        url=lambda organization: reverse("attachments:owner_files", args=[organization.pk]),
    )
