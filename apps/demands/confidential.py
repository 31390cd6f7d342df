"""What the audit administrator must not read in the trail (issue 13 §5, separation of duties): an expert's
argument — scores, recommendation, opinion, conflict reason — and which expert gave it. Registered with
apps.audit.confidential from AppConfig.ready()."""

from apps.audit import confidential


def register() -> None:
    confidential.register(
        object_type="demands.argument",
        fields=confidential.ALL,
        visible={"id", "demand", "assigned_by", "assigned_at", "submitted_at", "excluded_at"},
        message=True,
    )
