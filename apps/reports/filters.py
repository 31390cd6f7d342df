"""The filter bar of the reports' list (django-filter): report year, status, the prefecture (the region only),
submitted or not (`?submitted=false`: never submitted and still with the unit, `selectors.not_submitted_q`) and
overdue (not submitted by the due date). The dashboards open `?submitted=false` and `?submitted=false&overdue=true`.
A value that is not one of the choices is shown as the form's error and
ignored; never a 500."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm
from apps.core.roles import Role

from . import selectors
from .models import AnnualReport


class FilterForm(StyledForm):
    """The filter bar: the house's styled form."""


class ReportFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label=_("Report year"), choices=[], empty_label=_("All years"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AnnualReport.Status.choices, empty_label=_("All statuses")
    )
    prefecture = django_filters.ModelChoiceFilter(
        label=_("Prefecture"),
        field_name="center__prefecture",
        queryset=lambda request: _prefectures(),
        empty_label=_("All prefectures"),
    )
    submitted = django_filters.BooleanFilter(
        label=_("Submitted"),
        method="by_submitted",
        widget=forms.Select(
            choices=[("", _("Submitted or not")), ("true", _("Submitted")), ("false", _("Not yet submitted"))]
        ),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"),
        method="by_overdue",
        widget=forms.Select(choices=[("", _("Overdue or not")), ("true", _("Overdue")), ("false", _("Not overdue"))]),
    )

    class Meta:
        model = AnnualReport
        fields = []
        form = FilterForm

    def __init__(self, data=None, queryset=None, *, request=None, years=(), **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.filters["year"].extra["choices"] = [(year, str(year)) for year in years]
        user = getattr(request, "user", None)
        if user is None or user.role != Role.REGIONAL_OFFICER:
            del self.filters["prefecture"]

    @property
    def form(self):
        form = super().form
        if "prefecture" in form.fields:  # the styled form's "please choose" is not what an empty filter means
            form.fields["prefecture"].empty_label = _("All prefectures")
        return form

    def by_submitted(self, queryset, name, value):
        if value is None:
            return queryset
        condition = selectors.not_submitted_q()
        return queryset.exclude(condition) if value else queryset.filter(condition)

    def by_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        condition = selectors.overdue_q()
        return queryset.filter(condition) if value else queryset.exclude(condition)


def _prefectures():
    from apps.reference.models import Prefecture

    return Prefecture.objects.order_by("code")
