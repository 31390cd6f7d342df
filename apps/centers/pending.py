"""What is open on a center, for its home's "pending actions": one line per part.

Each part lists in `PROVIDERS` (dotted path) a function `(user, center) -> list[PendingItem]` that returns what
that user has to do, or should know is waiting, in the part: a contract to confirm, a tranche due, a meeting to
record, a change awaiting an opinion, a rectification due…

The home's whole page is at most 15 queries, flat (tests/test_query_counts_center.py); the foundation takes 12 of
them (5 per request whatever the page, 7 its own). So a provider should ask NO query of its own: it lists in
`ANNOTATIONS` (dotted path) a function `() -> {name: expression}` — scalar subqueries correlated on the center
(`OuterRef("pk")`) — that the home's one query (`selectors.center_home`) annotates, and reads them from the center,
falling back to a query where the center did not come from the home (`getattr(center, name, None)`):

    def pending_annotations():
        return {"open_change_count": Subquery(…filter(center_id=OuterRef("pk"))…count…)}

    def pending_items(user, center):
        count = getattr(center, "open_change_count", None)
        if count is None:
            count = ChangeRequest.objects.filter(center=center, status__in=ChangeRequest.OPEN).count()
        …
"""

from dataclasses import dataclass

from django.utils.module_loading import import_string

PROVIDERS: list[str] = [
    # contract part:
    "apps.centers.contract.pending_items",
    # funding ledger part:
    # office and IP council part:
    # changes and termination part:
    "apps.centers.changes.pending_items",
    # supervision part:
    "apps.centers.supervision.pending_items",
]


# What each part's provider reads from the home's one query: one line per part.
ANNOTATIONS: list[str] = [
    # contract part:
    # funding ledger part:
    # office and IP council part:
    # changes and termination part:
    # supervision part:
    "apps.centers.supervision.pending_annotations",
]


@dataclass(frozen=True)
class PendingItem:
    label: str
    url: str = ""
    detail: str = ""  # a due date, an amount, who waits
    is_task: bool = True  # True: this user must act; False: waiting on someone else


def items_for(user, center) -> list[PendingItem]:
    items = []
    for path in PROVIDERS:
        items.extend(import_string(path)(user, center) or [])
    return items


def annotations() -> dict:
    """The parts' annotations for the home's query (`selectors.center_home`)."""
    found = {}
    for path in ANNOTATIONS:
        found.update(import_string(path)())
    return found
