"""The filter bar of the organizations' list (django-filter, `apps.core.listing`): search words (name or credit
code), status, type and prefecture. A value that is not one of the choices is the form's error and a message."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter, SearchFilter

from .models import Organization


def _prefectures(request=None):
    from apps.reference.models import Prefecture

    return Prefecture.objects.order_by("sort_order", "code")


class CreditCodeSearch(SearchFilter):
    """Name words, or a credit code typed in either case (codes are stored upper case)."""

    def filter(self, qs, value):
        words = (value or "").replace("\x00", "").strip()
        if not words:
            return qs
        return qs.filter(Q(name__icontains=words) | Q(credit_code__icontains=words.upper()))


class OrganizationFilter(ListFilter):
    q = CreditCodeSearch(label=_("Search"), placeholder=_("Name or credit code"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Organization.Status.choices, empty_label=_("All statuses")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Organization type"), choices=Organization.Kind.choices, empty_label=_("All types")
    )
    prefecture = django_filters.ModelChoiceFilter(
        label=_("Prefecture"), queryset=_prefectures, empty_label=_("All prefectures")
    )

    class Meta(ListFilter.Meta):
        model = Organization
        fields = []
