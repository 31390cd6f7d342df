"""What the audit administrator must not read in the trail about performance evaluations (separation of duties, as
for annual reports: `apps/reports/confidential.py`): the points given and the platform's, the evaluator's comments,
contest reasons and opinion, the total and grade before they are published, the reason given for not taking part,
the veto findings. The trail shows that such a field changed, not its value; states, dates and links stay
readable. Registered by `hooks_scoring.connect()`."""

from apps.audit import confidential

EVALUATION_VISIBLE = {
    "id",
    "round",
    "center",
    "attempt",
    "reevaluation_of",
    "status",
    "participation",
    "justified",
    "vetoed",
    "rectification",
    "submitted_at",
    "confirmed_at",
    "as_of",
}


def register() -> None:
    # The transitions' reasons (a return, a rectification order, a delisting) are the entry's message.
    confidential.register(
        object_type="evaluations.evaluation", fields=confidential.ALL, visible=EVALUATION_VISIBLE, message=True
    )
    confidential.register(
        object_type="evaluations.indicatorscore",
        fields=confidential.ALL,
        visible={"id", "evaluation", "indicator", "max_points", "updated_by"},
        message=True,
    )
    confidential.register(
        object_type="evaluations.vetofinding",
        fields=confidential.ALL,
        visible={"id", "evaluation", "item", "recorded_by"},
        message=True,
    )
