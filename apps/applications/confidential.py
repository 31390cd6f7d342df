"""What the audit administrator must not read in the trail (issue 13 §5, separation of duties): the applicant's
content, the experts' scores and opinions, and which expert gave which score. Registered with
apps.audit.confidential from AppConfig.ready(); the audit list and export show that such a field changed, not its
value."""

from apps.audit import confidential

SHOWN = {"id", "status", "call", "topic", "lead_unit", "created_by", "submitted_at", "decided_at", "created_at"}


def register() -> None:
    # The application's content (every field but its place in the procedure) and the officers' opinions given on
    # its transitions (the entry's message); the review score, rank and funds follow from the review.
    confidential.register(
        object_type="applications.application",
        fields=confidential.ALL,
        visible=SHOWN | {"updated_at", "selection", "term_starts_on", "term_ends_on", "region_confirmed"},
        message=True,
    )
    for label in (
        "applications.partnership",
        "applications.capability",
        "applications.rdinvestment",
        "applications.indicator",
        "applications.indicatortarget",
        "applications.budgetitem",
    ):
        confidential.register(object_type=label, fields=confidential.ALL, visible={"id", "application"})
    confidential.register(
        object_type="applications.applicationevent",
        fields={"opinion", "actor_label"},
        message=True,
    )
    confidential.register(
        object_type="applications.applicationversion",
        fields=confidential.ALL,
        visible={"id", "application", "number", "submitted_by", "submitted_at"},
    )
    # A review: the expert's scores, opinion and conflict reason, and the expert next to them.
    confidential.register(
        object_type="applications.review",
        fields=confidential.ALL,
        visible={"id", "panel", "application", "status", "submitted_at", "created_at"},
        message=True,
    )
    confidential.register(object_type="applications.score", fields=confidential.ALL, visible={"id", "review"})
    # The panel's ranking carries every application's score.
    confidential.register(action="review_panel.ranking", fields={"ranking"})
