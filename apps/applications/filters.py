"""The filter bar of the applications' list (django-filter, `apps.core.listing`): search words (project or lead
unit), call, topic, prefecture (the region only: a prefecture office sees its own) and status. The parameters keep
the names the page always had (`?call=<pk>&status=<value>&q=…`), and the dashboards link with them. A value that is
not one of the choices is the form's error and a message; never a 500."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.calls.models import Call, Topic
from apps.core.listing import ListFilter, SearchFilter
from apps.core.roles import Role

from .models import Application


def _prefectures(request=None):
    from apps.reference.models import Prefecture

    return Prefecture.objects.order_by("sort_order", "code")


def _calls(request=None):
    return Call.objects.exclude(status=Call.Status.DRAFT).order_by("-id")


class ApplicationFilter(ListFilter):
    q = SearchFilter("project_name", "lead_unit__name", label=_("Search"), placeholder=_("Project or lead unit"))
    call = django_filters.ModelChoiceFilter(label=_("Call"), queryset=_calls, empty_label=_("All calls"))
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), queryset=Topic.objects.none(), empty_label=_("All topics")
    )
    prefecture = django_filters.ModelChoiceFilter(
        label=_("Prefecture"),
        field_name="lead_unit__prefecture",
        queryset=_prefectures,
        empty_label=_("All prefectures"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Application.Status.choices, empty_label=_("All statuses")
    )

    class Meta(ListFilter.Meta):
        model = Application
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        # The topics offered: the chosen call's (a list of every topic of every call would grow without bound),
        # and the topic a link names.
        data = data or {}
        call, topic = str(data.get("call", "")), str(data.get("topic", ""))
        condition = Q(pk__in=[])
        if call.isdigit():
            condition |= Q(call_id=int(call))
        if topic.isdigit():
            condition |= Q(pk=int(topic))
        self.filters["topic"].queryset = Topic.objects.filter(condition).order_by("number", "id")
        user = getattr(request, "user", None)
        if user is None or user.role != Role.REGIONAL_OFFICER:
            del self.filters["prefecture"]

    def kept_count_status(self) -> str | None:
        """The status when the list is filtered by nothing but a status (the officers' kept counts answer it),
        else None."""
        if not self.is_bound:
            return ""
        if not self.form.is_valid():
            return None
        values = {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")}
        if set(values) - {"status"}:
            return None
        return values.get("status", "")
