"""The chain head written outside the database, where the database user cannot reach it.

Whoever can delete the newest audit rows through the database can also rewind the `ChainHead` row, and the shorter
chain then verifies. So the daily job (tasks.verify_chain_daily) appends the head — sequence number and SM3 hash —
to a file on the application server (settings.AUDIT_ANCHOR_FILE; the deployment makes it append-only,
`chattr +a`, see docs/deploy.md) and sends the same line to the audit administrators' inbox. Verification then
checks that every anchored entry is still in the chain with the anchored hash.

One line per anchor, tab-separated: ISO time, sequence number, SM3 hash (hex)."""

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings

TAIL_BYTES = 4096  # a line is about 100 bytes: the last few dozen anchors


@dataclass(frozen=True)
class Anchor:
    at: datetime
    seq: int
    hash: str

    def line(self) -> str:
        return f"{self.at.isoformat(timespec='seconds')}\t{self.seq}\t{self.hash}\n"


def path() -> Path | None:
    """The anchor file, or None where anchoring is off (the test settings)."""
    value = getattr(settings, "AUDIT_ANCHOR_FILE", None)
    return Path(value) if value else None


def append(anchor: Anchor) -> Path | None:
    target = path()
    if target is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(anchor.line())
        handle.flush()
        os.fsync(handle.fileno())
    return target


def read() -> list[Anchor]:
    """Every anchor in the file, oldest first (a line that does not parse is skipped)."""
    target = path()
    if target is None or not target.exists():
        return []
    anchors = []
    for line in target.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split("\t")
        if len(parts) != 3:
            continue
        try:
            anchors.append(Anchor(datetime.fromisoformat(parts[0]), int(parts[1]), parts[2]))
        except ValueError:
            continue
    return anchors


def last() -> Anchor | None:
    """The newest anchor in the file (its last line that parses), or None: reads the file's tail only, so the cost
    does not grow with the years of daily lines."""
    target = path()
    if target is None or not target.exists():
        return None
    with open(target, "rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - TAIL_BYTES))
        lines = handle.read().decode("utf-8", errors="replace").splitlines()
    if size > TAIL_BYTES:
        lines = lines[1:]  # the first line of the tail may be cut
    for line in reversed(lines):
        parts = line.strip().split("\t")
        if len(parts) != 3:
            continue
        try:
            return Anchor(datetime.fromisoformat(parts[0]), int(parts[1]), parts[2])
        except ValueError:
            continue
    return None if size <= TAIL_BYTES else (read() or [None])[-1]
