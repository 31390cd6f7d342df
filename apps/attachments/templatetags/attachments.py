"""{% load attachments %}{% attachment_panel owner %} or {% attachment_panel owner kind="licence" %}: the files of a
record with download links, removal buttons and an upload form, as far as the user's rights allow. The page
writes its own heading; the panel is the element that htmx replaces after an upload or a removal."""

from django import template

from ..panels import panel_context

register = template.Library()


@register.inclusion_tag("attachments/partials/panel.html", takes_context=True)
def attachment_panel(context, owner, kind=None):
    request = context["request"]
    data = panel_context(request, owner, kind or None)
    data["csrf_token"] = context.get("csrf_token")
    data["request"] = request
    data["user"] = request.user
    return data
