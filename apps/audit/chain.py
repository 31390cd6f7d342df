"""The hash chain: how an entry's content is serialised and hashed (SM3), and how the chain is verified."""

import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

from apps.core import crypto

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "created_at",
    "actor_id",
    "actor_username",
    "ip",
    "source",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "message",
    "prev_hash",
)


def normalise(value):
    """JSON-safe and stable across databases (Decimal → str, dates → ISO)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def content_hash(entry) -> str:
    payload = {name: getattr(entry, name) for name in HASHED_FIELDS}
    payload["created_at"] = entry.created_at.isoformat(timespec="microseconds")
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder)
    return crypto.sm3_hex(data.encode("utf-8"))


@dataclass(frozen=True)
class Broken:
    """The first bad link: the entry's sequence number and why, as a code with its details. `message` says it in
    the reader's language (the codes and their sentences: REASONS)."""

    seq: int
    code: str
    details: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return str(REASONS[self.code]) % self.details


REASONS = {
    "gap": _("entries are missing before it (the next number expected was #%(expected)s)"),
    "link": _("its link to the entry before it does not match (an earlier entry was removed or altered)"),
    "content": _("its content does not match its SM3 hash (the entry was altered)"),
    "emptied": _("the chain head counts %(head)s entries but none is left (the trail was emptied)"),
    "head_count": _(
        "the chain head counts %(head)s entries but the last one left is #%(last)s (the newest entries were deleted)"
    ),
    "head_behind": _(
        "the chain head counts %(head)s entries but entries go up to #%(last)s (the chain head was altered)"
    ),
    "head_hash": _("the last entry does not match the hash kept in the chain head"),
    "anchor_missing": _(
        "the entry whose hash was written to the anchor file on %(date)s is missing (the newest entries were deleted)"
    ),
    "anchor_hash": _("the entry differs from the hash written to the anchor file on %(date)s"),
}


def first_broken(entries, *, after: tuple[int, str] | None = None) -> Broken | None:
    """Walk entries in sequence order; return the first bad link, or None when intact. `after`: (seq, hash) of an
    entry already verified, which the first entry must follow (the walk then starts at seq + 1)."""
    expected_prev, expected_seq = GENESIS, None
    if after is not None:
        expected_seq, expected_prev = after[0] + 1, after[1]
    for entry in entries:
        if expected_seq is not None and entry.seq != expected_seq:
            return Broken(entry.seq, "gap", {"expected": expected_seq})
        if entry.prev_hash != expected_prev:
            return Broken(entry.seq, "link")
        if not crypto.constant_time_equal(content_hash(entry), entry.hash):
            return Broken(entry.seq, "content")
        expected_prev, expected_seq = entry.hash, entry.seq + 1
    return None


def head_mismatch(head_seq: int, head_hash: str, last) -> Broken | None:
    """The chain head (count and hash of the newest entry, updated with every append) against the newest entry
    left: deleting the newest entries leaves an intact but shorter chain, which only the head reveals."""
    if last is None:
        return Broken(1, "emptied", {"head": head_seq}) if head_seq else None
    if last.seq < head_seq:
        return Broken(last.seq + 1, "head_count", {"head": head_seq, "last": last.seq})
    if last.seq > head_seq:
        return Broken(head_seq + 1, "head_behind", {"head": head_seq, "last": last.seq})
    if not crypto.constant_time_equal(last.hash, head_hash):
        return Broken(last.seq, "head_hash")
    return None
