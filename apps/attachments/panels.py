"""The context of the reusable attachment panel (list + upload form), shared by the template tag that other
apps' pages use and by the htmx responses of the upload and delete views."""

import re

from django.urls import reverse

from . import policies, registry, selectors
from .forms import UploadForm

PANEL_KIND_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def clean_panel_kind(entry: registry.OwnerType, value) -> str | None:
    """The single kind a panel shows, from untrusted input; None for "every kind"."""
    value = (value or "").strip()
    if not value or not PANEL_KIND_RE.match(value) or (entry.kinds and value not in entry.kinds):
        return None
    return value


def panel_id(entry: registry.OwnerType, owner, kind: str | None) -> str:
    return f"attachments-{entry.key.replace('.', '-')}-{owner.pk}-{kind or 'all'}"


def panel_context(
    request,
    owner,
    kind: str | None = None,
    *,
    form=None,
    notice="",
    error="",
    next_url: str | None = None,
    attachments=None,
) -> dict:
    """`attachments`: the owner's files when the page has already read them (`selectors.attachment_list(owner)`:
    not removed, oldest first, with `uploaded_by`), so that a page with many panels reads them in one query."""
    user = request.user
    entry = registry.for_model(owner)
    if attachments is None:
        attachments = list(selectors.attachment_list(owner, kind))
    else:
        attachments = [a for a in attachments if not kind or a.kind == kind]
    for attachment in attachments:
        attachment.user_can_delete = bool(policies.can_delete(user, attachment, owner))
        attachment.kind_label = entry.kind_label(attachment.kind)
    next_url = next_url if next_url is not None else request.get_full_path()
    can_upload = bool(policies.can_upload(user, owner, kind))
    if can_upload and form is None:
        form = UploadForm(entry=entry, kind=kind, initial={"panel_kind": kind or "", "next": next_url})
    return {
        "owner": owner,
        "entry": entry,
        "attachments": attachments,
        "panel_id": panel_id(entry, owner, kind),
        "panel_kind": kind or "",
        "next_url": next_url,
        "upload_form": form if can_upload else None,
        "upload_url": reverse("attachments:upload", kwargs={"owner": entry.key, "owner_id": owner.pk}),
        "notice": notice,
        "error": error,
    }
