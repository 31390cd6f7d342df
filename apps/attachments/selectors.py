"""Reads scoped by the user: an attachment whose owner the user may not see does not exist for them (404)."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import registry
from .models import Attachment


def owner_type_or_404(key: str) -> registry.OwnerType:
    entry = registry.get(key)
    if entry is None:
        raise Http404
    return entry


def owner_or_404(user, entry: registry.OwnerType, pk):
    return get_object_or_404(entry.visible(user), pk=pk)


def attachment_or_404(user, pk, *, include_deleted: bool = False):
    """(attachment, owner type, owner) when the user may see the owner; 404 otherwise, also for owners of an
    unregistered type and (unless asked) for removed attachments."""
    qs = Attachment.objects.all() if include_deleted else Attachment.objects.alive()
    attachment = get_object_or_404(qs.select_related("owner_type"), pk=pk)
    entry = registry.for_content_type(attachment.owner_type)
    if entry is None:
        raise Http404
    owner = owner_or_404(user, entry, attachment.owner_id)
    return attachment, entry, owner


def attachment_list(owner, kind: str | None = None) -> QuerySet[Attachment]:
    return Attachment.objects.for_owner(owner, kind).select_related("uploaded_by")
