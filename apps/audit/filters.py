"""The filter bar of the audit trail (django-filter, `apps.core.listing`), with the parameters the page always had:
`?username=` (words of the actor's user name), `?action=` (an action code or its beginning: `organization`),
`?object_type=` (a model label), `?object_id=`, `?date_from=` / `?date_to=` (local days, both included).

A malformed value (a date that is not one) is the form's error and a message, that filter ignored; a reversed
date range is a contradiction, not a typo: the trail shows nothing (and its export is refused), with the form's
message — never the whole trail the auditor did not ask for."""

from datetime import datetime, time

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter, ListFilterForm

from .models import AuditEntry


class AuditFilterForm(ListFilterForm):
    def clean(self):
        data = super().clean()
        self.contradictory = bool(data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"])
        if self.contradictory:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


def _bound(day, at):
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


class AuditFilter(ListFilter):
    username = django_filters.CharFilter(
        label=_("User"), field_name="actor_username", lookup_expr="icontains", max_length=150
    )
    action = django_filters.CharFilter(label=_("Action"), field_name="action", lookup_expr="startswith", max_length=64)
    object_type = django_filters.ChoiceFilter(label=_("Object type"), choices=[], empty_label=_("All"))
    object_id = django_filters.CharFilter(label=_("Object ID"), field_name="object_id", max_length=64)
    date_from = django_filters.DateFilter(
        label=_("From"), method="from_day", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(label=_("To"), method="to_day", widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = AuditEntry
        fields = []
        form = AuditFilterForm

    def __init__(self, data=None, *args, **kwargs):
        from .labels import object_type_choices

        super().__init__(data, *args, **kwargs)
        asked = str(data.get("object_type", "")) if data is not None else ""
        self.filters["object_type"].extra["choices"] = object_type_choices(also=asked)

    @property
    def contradictory(self) -> bool:
        """A reversed date range (the form's error): nothing is shown or exported."""
        return self.is_bound and not self.form.is_valid() and getattr(self.form, "contradictory", False)

    @property
    def qs(self):
        return self.queryset.none() if self.contradictory else super().qs

    def from_day(self, queryset, name, value):
        return queryset.filter(created_at__gte=_bound(value, time.min))

    def to_day(self, queryset, name, value):
        return queryset.filter(created_at__lte=_bound(value, time.max))
