"""The filter bars of the navigation's lists (django-filter, `apps.core.listing`): the landscape datasets of the
navigation home by words of the dataset's name, data source or center (`?q=`) and status (`?status=`); the
navigation reports by words and sharing with the IP council (`?shared=`); a center's prior-art searches by words of
the title, dataset or disclosure number (`?q=`) and what they started from (`?origin=disclosure|free`).
A value that is not one of the choices is
the form's error and a message; never a 500."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter, SearchFilter

from .models import LandscapeDataset, Navigation, PriorArtSearch

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


FROM_DISCLOSURE, FREE_TEXT = "disclosure", "free"


class SearchListFilter(ListFilter):
    """A center's prior-art searches: words of the title, the dataset's name or the disclosure's number (`?q=`) and
    what the search started from (`?origin=disclosure`: a disclosure's pre-filing assessment, `free`: a text typed
    on a dataset)."""

    q = SearchFilter(
        "title", "dataset__name", "disclosure__number", label=_("Search"), placeholder=_("Title, dataset or disclosure")
    )
    origin = django_filters.ChoiceFilter(
        label=_("Started from"),
        choices=((FROM_DISCLOSURE, _("A disclosure")), (FREE_TEXT, _("A text typed"))),
        empty_label=_("Any start"),
        method="filter_origin",
    )

    class Meta(ListFilter.Meta):
        model = PriorArtSearch
        fields = []

    def filter_origin(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(disclosure__isnull=value == FREE_TEXT)
