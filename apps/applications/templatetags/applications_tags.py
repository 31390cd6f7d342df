"""{% load applications_tags %}: money in yuan with thousands separators (1,234,567.00), whatever the locale's
grouping; the checklist's items by group (`checklist_groups`)."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def money(value) -> str:
    if value in (None, ""):
        return "—"
    try:
        return f"{Decimal(value):,.2f}"
    except (InvalidOperation, TypeError, ValueError):
        return str(value)


@register.filter
def checklist_groups(items) -> list[dict]:
    """`{% regroup items by group_label %}` with each item as a dict of what applications/partials/checklist.html
    shows (a dict is what a template reads fastest; each group's label translated once)."""
    labels = {}
    groups = []
    for item in items:
        if item.group not in labels:
            labels[item.group] = item.group_label
        label = labels[item.group]
        if not groups or groups[-1]["grouper"] != label:
            groups.append({"grouper": label, "list": []})
        groups[-1]["list"].append(
            {"code": item.code, "label": item.label, "passed": item.passed, "hard": item.hard, "message": item.message}
        )
    return groups
