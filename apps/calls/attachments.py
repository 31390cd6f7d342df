"""The call's documents (guide, work plan, forms) through apps.attachments: the call is registered as an owner
in CallsConfig.ready. Documents are added or removed while the call is a draft; once published they are public
and frozen like the rest of the call."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.audit import services as audit
from apps.core.policy import ALLOW, Decision, deny

from . import policies

KINDS = {
    "guide": gettext_lazy("Application guide"),
    "work_plan": gettext_lazy("Annual work plan"),
    "form": gettext_lazy("Application form template"),
    "other": gettext_lazy("Other document"),
}


def can_change_documents(user, call, kind=None) -> Decision:
    decision = policies.can_manage(user, call)
    if not decision:
        return decision
    if call.status != call.Status.DRAFT:
        return deny(_("The call has been published: its documents can no longer change."))
    return ALLOW


def register() -> None:
    from apps.attachments.registry import register_owner

    from . import selectors
    from .models import Call

    register_owner(
        Call,
        visible=selectors.visible_to,
        can_view=policies.can_view,
        can_upload=can_change_documents,
        kinds=KINDS,
        url=lambda call: reverse("calls:manage_detail", args=[call.pk]),
    )


def attachments_of(call, user=None) -> list:
    from apps.attachments.selectors import attachment_list

    items = list(attachment_list(call))
    for item in items:
        item.kind_label = KINDS.get(item.kind, item.kind)
    return items


def public_document(user, call, attachment_pk: int):
    """(attachment, bytes) of a published call's document for anyone, the download audited like the
    attachments app does (actor None for the public). The call's visibility was checked by the caller."""
    from django.shortcuts import get_object_or_404

    from apps.attachments.selectors import attachment_list
    from apps.attachments.services import attachment_open

    attachment = get_object_or_404(attachment_list(call), pk=attachment_pk)
    data = attachment_open(attachment)
    audit.record(
        "attachment.download",
        attachment,
        message=f"calls.call:{call.pk} (public document)",
        actor=user if getattr(user, "is_authenticated", False) else None,
    )
    return attachment, data
