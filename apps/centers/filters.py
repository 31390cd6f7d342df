"""The filter bar of the centers' list (django-filter, `apps.core.listing`): search words (center name or lead
unit), status, prefecture and industry (the dashboards link here with `?prefecture=<pk>`, `?industry=<pk>`,
`?status=<value>`). A value that is not one of the choices is the form's error and a message; never a 500."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter, SearchFilter

from .models import Center


def _prefectures(request=None):
    from apps.reference.models import Prefecture

    return Prefecture.objects.order_by("sort_order", "code")


def _industries(request=None):
    from apps.reference.models import Industry

    return Industry.objects.order_by("sort_order", "name")


class CenterFilter(ListFilter):
    q = SearchFilter("name", "lead_unit__name", label=_("Search"), placeholder=_("Center name or lead unit"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Center.Status.choices, empty_label=_("All statuses")
    )
    prefecture = django_filters.ModelChoiceFilter(
        label=_("Prefecture"), queryset=_prefectures, empty_label=_("All prefectures")
    )
    industry = django_filters.ModelChoiceFilter(
        label=_("Industry"), field_name="field_industry", queryset=_industries, empty_label=_("All industries")
    )

    class Meta(ListFilter.Meta):
        model = Center
        fields = []


class RegisterFilter(ListFilter):
    """The public register's filter: status, prefecture, industry (the same parameters as the officers' list)."""

    q = SearchFilter("name", "lead_unit__name", label=_("Search"), placeholder=_("Center name or lead unit"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Center.Status.choices, empty_label=_("All statuses")
    )
    prefecture = django_filters.ModelChoiceFilter(
        label=_("Prefecture"), queryset=_prefectures, empty_label=_("All prefectures")
    )
    industry = django_filters.ModelChoiceFilter(
        label=_("Industry"), field_name="field_industry", queryset=_industries, empty_label=_("All industries")
    )

    class Meta(ListFilter.Meta):
        model = Center
        fields = []
