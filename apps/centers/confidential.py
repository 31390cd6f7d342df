"""What the audit administrator must not read in the trail about centers (separation of duties, as for
applications: `apps/applications/confidential.py`): the contract's content and money, and the opinions, comments
and conclusions officers and units give. The audit list and export show that such a field changed, not its value."""

from apps.audit import confidential


def register() -> None:
    confidential.register(
        object_type="centers.contractversion",
        fields=confidential.ALL,
        visible={"id", "contract", "number", "status", "change_request", "sent_at", "confirmed_at", "signed_on"},
        message=True,
    )
    confidential.register(object_type="centers.centerevent", fields={"opinion"}, message=True)
    for label in ("centers.changerequest", "centers.termination"):
        confidential.register(
            object_type=label, fields={"prefecture_opinion", "decision_reason", "reasons"}, message=True
        )
    confidential.register(object_type="centers.acceptance", fields={"opinion"}, message=True)
