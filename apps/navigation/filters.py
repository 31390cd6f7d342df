"""The filter bars of the navigation's lists (django-filter, `apps.core.listing`): the landscape datasets of the
navigation home by words of the dataset's name, data source or center (`?q=`) and status (`?status=`); the
navigation reports by words and sharing with the IP council (`?shared=`). A value that is not one of the choices is
the form's error and a message; never a 500."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter, SearchFilter

from .models import LandscapeDataset, Navigation

SHARED, NOT_SHARED = "yes", "no"


class DatasetFilter(ListFilter):
    q = SearchFilter(
        "name", "source", "center__name", label=_("Search"), placeholder=_("Dataset, data source or center")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=LandscapeDataset.Status.choices, empty_label=_("All statuses")
    )

    class Meta(ListFilter.Meta):
        model = LandscapeDataset
        fields = []


class ReportFilter(ListFilter):
    """The navigation reports' list: words of the title, center or dataset (`?q=`) and whether the report is shared
    with the IP council (`?shared=yes|no`)."""

    q = SearchFilter(
        "title", "center__name", "dataset__name", label=_("Search"), placeholder=_("Report, center or dataset")
    )
    shared = django_filters.ChoiceFilter(
        label=_("IP council"),
        choices=((SHARED, _("Shared")), (NOT_SHARED, _("Not shared"))),
        empty_label=_("Shared or not"),
        method="filter_shared",
    )

    class Meta(ListFilter.Meta):
        model = Navigation
        fields = []

    def filter_shared(self, qs, name, value):
        return qs.filter(shared_with_council=value == SHARED) if value else qs
