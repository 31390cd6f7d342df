"""The kept counts of centers (apps.core.tallies) per (prefecture, status): the officers' home panels read them
instead of counting the centers (issue 14)."""

from apps.core.tallies import Counter

CENTERS = Counter(
    name="centers",
    table="centers_center",
    status="status",
    prefecture="{row}.prefecture_id",
    condition="1 = 1",
    columns=("status", "prefecture_id"),
)
