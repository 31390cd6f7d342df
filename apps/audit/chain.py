"""The hash chain: how an entry's content is serialised and hashed (SM3), and how the chain is verified."""

import json

from django.core.serializers.json import DjangoJSONEncoder

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


def first_broken(entries) -> tuple[int, str] | None:
    """Walk entries in sequence order; return (seq, reason) of the first bad link, or None when intact."""
    expected_prev, expected_seq = GENESIS, None
    for entry in entries:
        if expected_seq is not None and entry.seq != expected_seq:
            return entry.seq, f"sequence gap: expected {expected_seq}"
        if entry.prev_hash != expected_prev:
            return entry.seq, "previous-hash link does not match"
        if not crypto.constant_time_equal(content_hash(entry), entry.hash):
            return entry.seq, "content does not match its hash"
        expected_prev, expected_seq = entry.hash, entry.seq + 1
    return None
