"""The contract's files (apps.attachments), registered in `CentersConfig.ready()`: a contract version owns both
parties' signed scans ("contract_signed_unit", "contract_signed_region"). They are stored only by the signing
(`contract.contract_sign`, the regional bureau, while the version is confirmed) and never removed. Whoever may open
the version sees them (a center the user may not see: 404)."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny


def _visible(user):
    from .models import ContractVersion
    from .selectors import visible_to

    return ContractVersion.objects.filter(contract__center__in=visible_to(user))


def _can_view(user, version) -> Decision:
    from .workflow_contract import can_view

    return can_view(user, version)


def _can_upload(user, version, kind=None) -> Decision:
    """The signed scans come with the registration of the signing: the regional bureau, while the version is
    confirmed by the lead unit."""
    from . import policies
    from .models import ContractVersion

    decision = policies.is_regional_officer(user)
    if not decision:
        return decision
    if version.status != ContractVersion.Status.CONFIRMED:
        return deny(_("The signed scans are uploaded when the signing is registered."))
    return ALLOW


def _never(user, version, kind=None) -> Decision:
    return deny(_("The signed scans of a contract are kept: they are never removed."))


def register_owners() -> None:
    from django.urls import reverse

    from apps.attachments.registry import register_owner

    from .contract import ATTACHMENT_KINDS
    from .models import ContractVersion

    register_owner(
        ContractVersion,
        visible=_visible,
        can_view=_can_view,
        can_upload=_can_upload,
        can_delete=_never,
        kinds=ATTACHMENT_KINDS,
        url=lambda version: reverse("centers:contract_version", args=[version.contract.center_id, version.number]),
    )
