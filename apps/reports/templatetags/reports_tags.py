"""`{% report_status report %}` (the status badge) and `{% report_timeliness report %}` (on time, submitted N days
late, overdue by N days, or the days left before the due date), for the reports' lists and pages."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import clock

register = template.Library()

BADGES = {
    "draft": "text-bg-light border",
    "submitted": "text-bg-warning",
    "returned": "text-bg-danger",
    "forwarded": "text-bg-primary",
    "received": "text-bg-success",
}


@register.inclusion_tag("reports/partials/status.html")
def report_status(report):
    return {"label": report.get_status_display(), "badge": BADGES.get(report.status, "text-bg-secondary")}


def timeliness(report, today=None) -> tuple[str, str]:
    """(text, badge class): the lateness of a submitted report, else how the due date stands today."""
    today = today or clock.today()
    if report.days_late is not None:
        if report.days_late > 0:
            return _("Submitted %(days)s days late") % {"days": report.days_late}, "text-bg-warning"
        return _("Submitted on time"), "text-bg-success"
    days = (report.due_on - today).days
    if days < 0:
        return _("Overdue by %(days)s days") % {"days": -days}, "text-bg-danger"
    if days == 0:
        return _("Due today"), "text-bg-warning"
    return _("%(days)s days left") % {"days": days}, "text-bg-light border"


@register.inclusion_tag("reports/partials/timeliness.html")
def report_timeliness(report, today=None):
    text, badge = timeliness(report, today)
    return {"text": text, "badge": badge}


FIGURE_STATUS = {
    "met": ("text-bg-success", gettext_lazy("Met")),
    "behind": ("text-bg-danger", gettext_lazy("Behind")),
    "not_yet_due": ("text-bg-light border", gettext_lazy("Not yet due")),
    "not_reported": ("text-bg-warning", gettext_lazy("Not reported")),
}


@register.inclusion_tag("reports/partials/status.html")
def figure_status(status):
    """A KPI row's status as a badge (nothing for the other figures)."""
    badge, label = FIGURE_STATUS.get(status or "", ("", ""))
    return {"label": label, "badge": badge}
