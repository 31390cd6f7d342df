"""The center's page frame: `{% center_tabs center tab %}` (the tab bar, `tabs.TABS`) and
`{% center_status center %}` (the status badge, with what it means as its title)."""

from django import template

from .. import tabs, workflow

register = template.Library()

BADGES = {
    "contracting": "text-bg-info",
    "under_construction": "text-bg-primary",
    "rectifying": "text-bg-warning",
    "accepted": "text-bg-success",
    "acceptance_failed": "text-bg-danger",
    "terminated": "text-bg-dark",
    "delisted": "text-bg-dark",
}


@register.inclusion_tag("centers/partials/tabs.html")
def center_tabs(center, active=""):
    return {"tabs": [(tab, tab.url(center)) for tab in tabs.TABS], "active": active or "home", "center": center}


@register.inclusion_tag("centers/partials/status.html")
def center_status(center):
    return {
        "status": center.status,
        "label": center.get_status_display(),
        "meaning": workflow.meaning(center.status),
        "badge": BADGES.get(center.status, "text-bg-secondary"),
    }
