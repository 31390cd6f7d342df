"""`{% patents_sections center section %}`: the sub-navigation of a center's patent pages (`sections.SECTIONS`)."""

from django import template

from .. import sections

register = template.Library()


@register.inclusion_tag("patents/partials/sections.html")
def patents_sections(center, active=""):
    return {"sections": [(s, s.url(center)) for s in sections.SECTIONS], "active": active}
