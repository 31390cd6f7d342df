"""What the audit administrator must not read in the trail about patents (separation of duties, as for
applications and centers): a grading's scores and the reason of an override. The disclosures' and assessments'
content: `assessment.register_confidential`. The audit list and export show that such a field changed, not its
value."""

from apps.audit import confidential


def register() -> None:
    confidential.register(
        object_type="patents.patentgrade",
        fields={"legal_score", "technical_score", "economic_score", "total", "override_reason", "facts"},
        message=True,
    )
