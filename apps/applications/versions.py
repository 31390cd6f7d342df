"""A readable, field-by-field comparison of two submitted versions (snapshots from content.snapshot).

Short values show old → new; long texts show the changed passages (difflib, by character, since Chinese has no
spaces); tables show the rows added and removed."""

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .content import SCALAR_FIELDS, tables

LONG_TEXT = 60
CONTEXT = 20  # characters of unchanged text kept around a change


@dataclass
class Change:
    label: str
    kind: str  # "value" | "text" | "table"
    old: str = ""
    new: str = ""
    segments: list = field(default_factory=list)  # text: [(op, text)] with op in equal|delete|insert|skip
    added: list = field(default_factory=list)  # table rows (lists of cells)
    removed: list = field(default_factory=list)
    columns: list = field(default_factory=list)


def _segments(old: str, new: str) -> list[tuple[str, str]]:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            text = old[i1:i2]
            if len(text) > 2 * CONTEXT:
                first = i1 == 0
                last = i2 == len(old)
                if not first:
                    out.append(("equal", text[:CONTEXT]))
                out.append(("skip", "…"))
                if not last:
                    out.append(("equal", text[-CONTEXT:]))
            else:
                out.append(("equal", text))
            continue
        if op in ("delete", "replace"):
            out.append(("delete", old[i1:i2]))
        if op in ("insert", "replace"):
            out.append(("insert", new[j1:j2]))
    return out


def _row_text(row: list) -> str:
    return " | ".join(str(c) for c in row)


def diff(old: dict, new: dict) -> list[Change]:
    changes = []
    for key, label, _section in SCALAR_FIELDS:
        a, b = str(old.get(key, "") or ""), str(new.get(key, "") or "")
        if a == b:
            continue
        if max(len(a), len(b)) > LONG_TEXT or "\n" in a or "\n" in b:
            changes.append(Change(str(label), "text", a, b, segments=_segments(a, b)))
        else:
            changes.append(Change(str(label), "value", a, b))
    for key, (label, columns) in tables().items():
        keys = [c[0] for c in columns]
        rows_a = [[str(r.get(k, "")) for k in keys] for r in old.get(key) or []]
        rows_b = [[str(r.get(k, "")) for k in keys] for r in new.get(key) or []]
        if rows_a == rows_b:
            continue
        matcher = difflib.SequenceMatcher(a=[_row_text(r) for r in rows_a], b=[_row_text(r) for r in rows_b])
        removed, added = [], []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op in ("delete", "replace"):
                removed.extend(rows_a[i1:i2])
            if op in ("insert", "replace"):
                added.extend(rows_b[j1:j2])
        changes.append(Change(str(label), "table", added=added, removed=removed, columns=[str(c[1]) for c in columns]))
    return changes


NO_CHANGES = _("The two versions are identical.")
