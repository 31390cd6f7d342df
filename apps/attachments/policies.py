"""Who may list, download, add and remove attachments.

Visibility of the owner (registry `visible`, checked by selectors) decides 404; these functions decide 403.
Administrator roles never open business files (MLPS separation of duties), whatever the owner allows."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import ADMIN_ROLES

from . import registry


def _separation_of_duties(user) -> Decision:
    if getattr(user, "role", None) in ADMIN_ROLES:
        return deny(_("Administrator accounts do not open business files (separation of duties)."))
    return ALLOW


def _entry(owner):
    return registry.for_model(owner) if owner is not None else None


def can_view_files(user, owner) -> Decision:
    """See the list of an owner's files and download them."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("Please log in."))
    decision = _separation_of_duties(user)
    if not decision:
        return decision
    entry = _entry(owner)
    if entry is None:
        return deny(_("Files cannot be attached to this kind of record."))
    return entry.can_view(user, owner)


def can_download(user, attachment, owner=None) -> Decision:
    return can_view_files(user, owner if owner is not None else attachment.owner)


def can_upload(user, owner, kind) -> Decision:
    decision = _separation_of_duties(user)
    if not decision:
        return decision
    entry = _entry(owner)
    if entry is None:
        return deny(_("Files cannot be attached to this kind of record."))
    return entry.can_upload(user, owner, kind)


def can_delete(user, attachment, owner=None) -> Decision:
    decision = _separation_of_duties(user)
    if not decision:
        return decision
    owner = owner if owner is not None else attachment.owner
    entry = _entry(owner)
    if entry is None:
        return deny(_("Files cannot be attached to this kind of record."))
    return entry.may_delete(user, owner, attachment.kind)
