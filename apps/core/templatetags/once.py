"""`{% form_token %}`: the one-time token of a form that creates a record (apps/core/once.py), next to
`{% csrf_token %}`."""

from django import template
from django.utils.html import format_html

from .. import once as once_module

register = template.Library()


@register.simple_tag(takes_context=True)
def form_token(context):
    request = context.get("request")
    if request is None:
        return ""
    return format_html('<input type="hidden" name="{}" value="{}">', once_module.FIELD, once_module.issue(request))
