"""{% load attachments %}{% attachment_panel owner %} or {% attachment_panel owner kind="licence" %} (or with
`attachments=files`, the owner's files already read): the files of a
record with download links, removal buttons and an upload form, as far as the user's rights allow. The page
writes its own heading; the panel is the element that htmx replaces after an upload or a removal."""

from django import template

from ..panels import panel_context

register = template.Library()


@register.inclusion_tag("attachments/partials/panel.html", takes_context=True)
def attachment_panel(context, owner, kind=None, attachments=None):
    """`attachments=`: the owner's files the page already read (see panel_context), else they are read here."""
    request = context["request"]
    data = panel_context(request, owner, kind or None, attachments=attachments)
    data["csrf_token"] = context.get("csrf_token")
    data["request"] = request
    data["user"] = request.user
    return data
