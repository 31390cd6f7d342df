"""The filter bar of the KPI early warnings' list (django-filter, `apps.core.listing`): state and, for the regional
bureau, prefecture (`?state=open`, `?prefecture=<pk>`, the parameters the page always had), and the risk level
(`?level=high_risk`: the dashboards' "of them at high risk" opens `?state=open&level=high_risk`). A prefecture office's
list is its own prefecture's: it has no prefecture filter (another prefecture asked for is a 404, in the view). A
value that is not one of the choices is the form's error and a message; never a 500."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter
from apps.core.roles import Role

from .models import Flag


def _prefectures(request=None):
    from apps.reference.models import Prefecture

    return Prefecture.objects.order_by("sort_order", "code")


class FlagFilter(ListFilter):
    state = django_filters.ChoiceFilter(label=_("State"), choices=Flag.State.choices, empty_label=_("All states"))
    level = django_filters.ChoiceFilter(
        label=_("Risk level"), choices=Flag.Level.choices, empty_label=_("All risk levels")
    )
    prefecture = django_filters.ModelChoiceFilter(
        label=_("Prefecture"), field_name="center__prefecture", queryset=_prefectures, empty_label=_("All prefectures")
    )

    class Meta(ListFilter.Meta):
        model = Flag
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if getattr(user, "role", None) != Role.REGIONAL_OFFICER:
            self.filters.pop("prefecture", None)
