"""The filter bar of the demand pool (django-filter, `apps.core.listing`): search words (title, receipt number,
organization, field), status, industry and collection round (`?status=…&industry=<pk>&round=<pk>&q=…`, the names
the page always had). A value that is not one of the choices is the form's error and a message; never a 500."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter, SearchFilter
from apps.reference.models import Industry

from .models import CollectionRound, Demand


class PoolSearch(SearchFilter):
    def filter(self, qs, value):
        words = (value or "").replace("\x00", "").strip()
        if not words:
            return qs
        return qs.filter(
            Q(title__icontains=words)
            | Q(receipt_number__iexact=words)
            | Q(organization_name__icontains=words)
            | Q(technical_field__icontains=words)
        )


class PoolFilter(ListFilter):
    q = PoolSearch(label=_("Search"), placeholder=_("Title, receipt number, organization, field"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Demand.Status.choices, empty_label=_("All statuses")
    )
    industry = django_filters.ModelChoiceFilter(
        label=_("Industry"), queryset=Industry.objects.order_by("sort_order", "name"), empty_label=_("All industries")
    )
    round = django_filters.ModelChoiceFilter(
        label=_("Collection round"), queryset=CollectionRound.objects.order_by("-id"), empty_label=_("All rounds")
    )

    class Meta(ListFilter.Meta):
        model = Demand
        fields = []
