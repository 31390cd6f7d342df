"""The one value every source answers with: a `Deadline` (kind, title, due date, open or done, the link to its item,
its prefecture and center, and the roles that must act), and the `Window` a source is asked about.

A deadline is overdue when it is still open and its due date is before today (`clock.today()`); a deadline that is
done is never overdue, whatever its date."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

OPEN = "open"
DONE = "done"


@dataclass(frozen=True)
class Kind:
    key: str
    label: object
    color: str  # a Bootstrap contextual colour for the badge
    source: str  # the app whose source module answers it (apps/agenda/sources/<source>.py)


KINDS = {
    kind.key: kind
    for kind in (
        Kind("call_close", _("Applications close"), "primary", "calls"),
        Kind("collection_close", _("Demand collection closes"), "primary", "demands"),
        Kind("recommendation", _("Prefecture recommendation"), "info", "applications"),
        Kind("contract_signature", _("Contract signature"), "warning", "centers"),
        Kind("tranche", _("Funding tranche"), "success", "centers"),
        Kind("inspection", pgettext_lazy("agenda kind", "Inspection"), "secondary", "centers"),
        Kind("acceptance", _("End-of-term acceptance"), "secondary", "centers"),
        Kind("rectification", _("Rectification deadline"), "danger", "centers"),
        Kind("clawback", _("Clawback due"), "danger", "centers"),
        Kind("term_end", _("Construction term ends"), "secondary", "centers"),
        Kind("annual_report", _("Annual report due"), "primary", "reports"),
        Kind("scoring", _("Evaluation scoring due"), "info", "evaluations"),
        Kind("assigned_task", _("Assigned task due"), "dark", "bureau"),
    )
}


@dataclass(frozen=True)
class Deadline:
    """One dated obligation. `uid` is stable across fetches (the iCalendar UID); `concerns` are the roles
    (apps.core.roles.Role values) whose users must act on it; `prefecture_id` is None for a region-wide one."""

    kind: str
    uid: str
    title: str
    due: datetime.date
    state: str  # OPEN | DONE
    url: str
    prefecture_id: int | None = None
    prefecture_name: str = ""
    center_name: str = ""
    concerns: tuple = field(default_factory=tuple)
    overdue: bool = False  # set by `sources.collect` from the window's today: open and due before it

    def is_overdue(self, today: datetime.date) -> bool:
        return self.state == OPEN and self.due < today

    @property
    def kind_label(self):
        return KINDS[self.kind].label

    @property
    def color(self) -> str:
        return KINDS[self.kind].color


@dataclass(frozen=True)
class Window:
    """What a source is asked: the deadlines due from `start` to `end` (both included; None: unbounded), only the
    open ones when `open_only`; `today` decides what is open where a state depends on the date (a call's window)."""

    today: datetime.date
    start: datetime.date | None = None
    end: datetime.date | None = None
    open_only: bool = False

    def range_q(self, path: str) -> dict:
        """The ORM filter of `path` (a date field) within the window."""
        found = {}
        if self.start is not None:
            found[f"{path}__gte"] = self.start
        if self.end is not None:
            found[f"{path}__lte"] = self.end
        return found

    def contains(self, day: datetime.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)
