"""The filter bar of the bureau's calls (django-filter, `apps.core.listing`): title words, year and status."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter, SearchFilter

from .models import Call


class CallFilter(ListFilter):
    q = SearchFilter("title", label=_("Search"), placeholder=_("Call title"))
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="year", min_value=2000, max_value=2100, widget=forms.NumberInput()
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Call.Status.choices, empty_label=_("All statuses"))

    class Meta(ListFilter.Meta):
        model = Call
        fields = []
