"""The change requests' files (apps.attachments), registered in `CentersConfig.ready()`: a change request owns its
evidence ("change_evidence"), added and removed by the lead unit's administrator while the request is a draft; once
submitted it stays with the request. Whoever may open the request sees it (`changes.requests_visible_to`: a draft
is the lead unit's only; a center the user may not see is a 404)."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny


def _visible(user):
    from .changes import requests_visible_to

    return requests_visible_to(user)


def _can_view(user, change_request) -> Decision:
    from .changes import requests_visible_to

    if requests_visible_to(user).filter(pk=change_request.pk).exists():
        return ALLOW
    return deny(_("You cannot see this change request."))


def _can_edit(user, change_request, kind=None) -> Decision:
    from .changes import can_edit

    decision = can_edit(user, change_request)
    if not decision:
        return deny(_("Evidence is added or removed by the lead unit while the request is a draft."))
    return ALLOW


def register_owners() -> None:
    from django.urls import reverse

    from apps.attachments.registry import register_owner

    from .changes import EVIDENCE_KINDS
    from .models import ChangeRequest

    register_owner(
        ChangeRequest,
        visible=_visible,
        can_view=_can_view,
        can_upload=_can_edit,
        kinds=EVIDENCE_KINDS,
        url=lambda change_request: reverse("centers:change", args=[change_request.center_id, change_request.pk]),
    )
