"""What the regional officer's page shows: every declared parameter with the value in force, and its history."""

from dataclasses import dataclass
from decimal import Decimal

from apps.audit.models import AuditEntry

from . import tunables
from .models import Parameter

HISTORY_LENGTH = 20


@dataclass(frozen=True)
class Line:
    tunable: tunables.Tunable
    row: Parameter | None

    @property
    def stored(self) -> Decimal | None:
        return self.row.value if self.row else None

    @property
    def current(self):
        return self.tunable.coerce(self.stored)

    @property
    def is_default(self) -> bool:
        return Decimal(self.current) == Decimal(self.tunable.default)

    @property
    def outside_bounds(self) -> bool:
        """A value stored before the bounds were narrowed: the nearest bound applies until the officer sets it."""
        return self.stored is not None and Decimal(self.current) != self.stored


def overview() -> list[Line]:
    rows = {p.key: p for p in Parameter.objects.select_related("updated_by")}
    return [Line(t, rows.get(t.key)) for t in tunables.all_tunables()]


def line(key: str) -> Line | None:
    tunable = tunables.get(key)
    if tunable is None:
        return None
    return Line(tunable, Parameter.objects.select_related("updated_by").filter(key=key).first())


def history(line: Line) -> list[AuditEntry]:
    """The audited changes of one parameter, newest first."""
    if line.row is None:
        return []
    entries = AuditEntry.objects.filter(object_type=Parameter._meta.label_lower, object_id=str(line.row.pk))
    return list(entries.select_related("actor").order_by("-seq")[:HISTORY_LENGTH])  # 修改人: the full name
