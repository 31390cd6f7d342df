"""The kept counts of organizations (apps.core.tallies) per (prefecture, status): the officers' home pages read
them instead of counting the register (issue 14)."""

from apps.core.tallies import Counter

ORGANIZATIONS = Counter(
    name="organizations",
    table="organizations_organization",
    status="status",
    prefecture="{row}.prefecture_id",
    condition="1 = 1",
    columns=("status", "prefecture_id"),
)
