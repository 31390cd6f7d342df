from django import template

from apps.audit.labels import action_label, object_type_label

register = template.Library()
register.filter("object_type_label", object_type_label)
register.filter("action_label", action_label)
