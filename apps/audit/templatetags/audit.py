from django import template

from apps.audit.labels import object_type_label

register = template.Library()
register.filter("object_type_label", object_type_label)
