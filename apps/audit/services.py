"""Writing the audit trail. Services call `record()` inside their own transaction: if the entry cannot be
written the business change rolls back with it (signals are not used: they miss QuerySet.update())."""

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from apps.core import crypto, request_context

from . import anchor, chain
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


def _storable(value):
    """What arrived, as the database can store it: PostgreSQL text and jsonb refuse NUL (U+0000), so a NUL that a
    visitor typed is kept as U+FFFD (the replacement character) — everything else exactly as received."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    return value


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
            object_repr=_storable(
                (object_repr if object_repr is not None else (str(obj) if obj is not None else ""))[:255]
            ),
            before=_storable(chain.normalise(before)),
            after=_storable(chain.normalise(after)),
            message=_storable(str(message)),
            prev_hash=head.hash,
        )
        entry.hash = chain.content_hash(entry)
        entry.save(force_insert=True)
        head.seq, head.hash = entry.seq, entry.hash
        head.save(update_fields=["seq", "hash"])
    return entry


def head() -> tuple[int, str]:
    """(count, hash of the newest entry) as the chain head keeps them."""
    row = ChainHead.objects.filter(pk=1).first()
    return (row.seq, row.hash) if row is not None else (0, chain.GENESIS)


def verify() -> chain.Broken | None:
    """The first bad link of the trail, or None: every entry against its hash and its predecessor, the newest entry
    against the chain head (count and hash), and every anchored head (anchor.py) against the entry it names."""
    broken = chain.first_broken(AuditEntry.objects.order_by("seq").iterator(chunk_size=2000))
    if broken is not None:
        return broken
    head_seq, head_hash = head()
    broken = chain.head_mismatch(head_seq, head_hash, AuditEntry.objects.order_by("-seq").first())
    if broken is not None:
        return broken
    return _anchor_mismatch(anchor.read())


def verify_recent() -> tuple[chain.Broken | None, anchor.Anchor | None]:
    """(first bad link or None, the anchor it started from): the check the chain page runs on every visit, bounded
    by a day's appends whatever the trail holds. From the newest anchor the daily job wrote after a clean full
    verification (`verify`): the anchored entry is still there with the anchored hash and its content; every entry
    after it links on from it; the newest matches the chain head. The entries before the anchor are the daily
    job's (and `manage.py verify_audit`'s) to re-verify. No anchor yet (before the first daily run, or anchoring
    off): the whole chain, as `verify`."""
    start = anchor.last()
    if start is None or start.seq == 0:
        return verify(), None
    date = timezone.localtime(start.at).strftime("%Y-%m-%d %H:%M")
    anchored = AuditEntry.objects.filter(seq=start.seq).first()
    if anchored is None:
        return chain.Broken(start.seq, "anchor_missing", {"date": date}), start
    if not crypto.constant_time_equal(anchored.hash, start.hash):
        return chain.Broken(start.seq, "anchor_hash", {"date": date}), start
    if not crypto.constant_time_equal(chain.content_hash(anchored), anchored.hash):
        return chain.Broken(start.seq, "content"), start
    recent = AuditEntry.objects.filter(seq__gt=start.seq).order_by("seq").iterator(chunk_size=2000)
    broken = chain.first_broken(recent, after=(start.seq, start.hash))
    if broken is None:
        head_seq, head_hash = head()
        broken = chain.head_mismatch(head_seq, head_hash, AuditEntry.objects.order_by("-seq").first())
    return broken, start


def _anchor_mismatch(anchors) -> chain.Broken | None:
    if not anchors:
        return None
    kept = dict(AuditEntry.objects.filter(seq__in={a.seq for a in anchors}).values_list("seq", "hash"))
    for written in sorted(anchors, key=lambda a: a.seq):
        if written.seq == 0:  # anchored while the trail was still empty
            continue
        date = timezone.localtime(written.at).strftime("%Y-%m-%d %H:%M")
        if written.seq not in kept:
            return chain.Broken(written.seq, "anchor_missing", {"date": date})
        if kept[written.seq] != written.hash:
            return chain.Broken(written.seq, "anchor_hash", {"date": date})
    return None


def anchor_head() -> anchor.Anchor:
    """Write the current chain head to the anchor file (the daily job does, after a clean verification). A head the
    file already ends with is not written again (a re-run of the job after a crash): the anchor already there."""
    head_seq, head_hash = head()
    last = anchor.last()
    if last is not None and (last.seq, last.hash) == (head_seq, head_hash):
        return last
    written = anchor.Anchor(timezone.now(), head_seq, head_hash)
    anchor.append(written)
    return written
