"""`{{ amount|yuan }}`: an amount in yuan as the ledger writes it, "1,234,567.80" (Django's zh-Hans number format
groups nothing, which makes large sums hard to read)."""

from django import template

from .. import funding

register = template.Library()


@register.filter
def yuan(value) -> str:
    if value is None or value == "":
        return ""
    return funding.yuan(value)
