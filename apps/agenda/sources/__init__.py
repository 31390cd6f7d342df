"""The sources of deadlines: one module per app that owns something with a due date. Each module has

- `ROLES`: the roles it answers for (any other user costs it no query);
- `deadlines(user, window) -> list[Deadline]`: the deadlines of the items `user` may see (through the owning app's
  own selectors), due within `window`, in a fixed number of queries whatever the number of rows.

`collect(user, window)` asks every source and sorts by due date; the calendar, the feed, the workbench panel and
the operations view all read through it."""

from dataclasses import replace

from apps.agenda.deadlines import Deadline, Window

from . import applications, bureau, calls, centers, demands, evaluations, reports

SOURCES = (calls, demands, applications, centers, reports, evaluations, bureau)


def collect(user, window: Window, *, kinds=None) -> list[Deadline]:
    """Every deadline of `user` within `window` (optionally only of `kinds`), by due date then title."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    found = []
    for source in SOURCES:
        if user.role not in source.ROLES:
            continue
        if kinds is not None and not (set(kinds) & set(source.KINDS)):
            continue
        found.extend(source.deadlines(user, window))
    if kinds is not None:
        found = [d for d in found if d.kind in kinds]
    found = [replace(d, overdue=d.is_overdue(window.today)) for d in found]
    return sorted(found, key=lambda d: (d.due, d.kind, d.title, d.uid))
