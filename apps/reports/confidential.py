"""What the audit administrator must not read in the trail about annual work reports (separation of duties, as for
applications and centers: `apps/centers/confidential.py`): the report's text and figures, the unit's comments and
the opinions and reasons of the prefecture office and the region. The audit list and export show that such a field
changed, not its value; the states, dates and lateness stay readable."""

from apps.audit import confidential

REPORT_VISIBLE = {
    "id",
    "center",
    "year",
    "status",
    "period_start",
    "period_end",
    "due_on",
    "version",
    "first_submitted_on",
    "submitted_at",
    "days_late",
    "overdue_since",
    "forwarded_at",
    "received_at",
    "figures_as_of",
    "figures_refreshed_at",
}


def register() -> None:
    # The transitions' reasons and opinions are the entry's message (`Workflow.apply`).
    confidential.register(
        object_type="reports.annualreport", fields=confidential.ALL, visible=REPORT_VISIBLE, message=True
    )
    confidential.register(object_type="reports.reportevent", fields={"opinion"}, message=True)
    confidential.register(
        object_type="reports.figurecomment", fields=confidential.ALL, visible={"id", "report", "key"}, message=True
    )
    confidential.register(
        object_type="reports.reportversion",
        fields=confidential.ALL,
        visible={"id", "report", "number", "submitted_by", "submitted_at"},
        message=True,
    )
