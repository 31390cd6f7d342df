"""Writing the audit trail. Services call `record()` inside their own transaction: if the entry cannot be
written the business change rolls back with it (signals are not used: they miss QuerySet.update())."""

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from apps.core import request_context

from . import chain
from .models import AuditEntry, ChainHead


def snapshot(obj, fields=None, exclude=("password",)) -> dict:
    """The values of a model instance worth keeping as before/after."""
    data = model_to_dict(obj, fields=fields, exclude=exclude)
    for key, value in list(data.items()):
        if hasattr(value, "pk"):
            data[key] = value.pk
        elif isinstance(value, list | tuple):
            data[key] = [getattr(v, "pk", v) for v in value]
        elif hasattr(value, "name") and hasattr(value, "url"):  # file fields
            data[key] = str(value.name or "")
    return chain.normalise(data)


def changed(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the fields that differ, for a readable entry."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(
    action: str,
    obj=None,
    *,
    before=None,
    after=None,
    message: str = "",
    actor=None,
    object_type=None,
    object_id=None,
    object_repr=None,
) -> AuditEntry:
    ctx = request_context.current()
    actor = actor if actor is not None else ctx.user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            seq=head.seq + 1,
            created_at=timezone.now(),
            actor=actor,
            actor_username=getattr(actor, "username", "") or "",
            ip=ctx.ip,
            source=ctx.source,
            action=action,
            object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
            object_id=str(object_id if object_id is not None else (obj.pk if obj is not None else "")),
            object_repr=(object_repr if object_repr is not None else (str(obj) if obj is not None else ""))[:255],
            before=chain.normalise(before),
            after=chain.normalise(after),
            message=str(message),
            prev_hash=head.hash,
        )
        entry.hash = chain.content_hash(entry)
        entry.save(force_insert=True)
        head.seq, head.hash = entry.seq, entry.hash
        head.save(update_fields=["seq", "hash"])
    return entry


def verify() -> tuple[int, str] | None:
    return chain.first_broken(AuditEntry.objects.order_by("seq").iterator(chunk_size=2000))
