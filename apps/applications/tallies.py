"""The kept counts of applications (apps.core.tallies): submitted applications per (prefecture of the lead unit,
status) — what a prefecture office and the regional bureau see (`selectors.visible_to`). Their home pages and the
list's page count read these rows instead of counting the table (issue 14)."""

from apps.core.tallies import Counter, Move

SUBMITTED = Counter(
    name="applications.submitted",
    table="applications_application",
    status="status",
    prefecture="(SELECT o.prefecture_id FROM organizations_organization o WHERE o.id = {row}.lead_unit_id)",
    condition="{row}.submitted_at IS NOT NULL",
    columns=("status", "submitted_at", "lead_unit_id"),
)

# A lead unit that moves to another prefecture takes its submitted applications' counts with it.
LEAD_UNIT_MOVES = Move(
    SUBMITTED, table="organizations_organization", key="lead_unit_id", prefecture_column="prefecture_id"
)
