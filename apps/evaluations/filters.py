"""The filter bars of the evaluations' lists (django-filter, `apps.core.listing`); a value that is not one of the
choices is the form's error and a message, never a 500:

- the rounds (`evaluations:list`): `?year=` (the year the period evaluated ends, as the dashboards count grades)
  and `?status=` (the round's state);
- the results (`evaluations:results`): `?year=`, `?grade=` (优秀 / 合格 / 不合格), `?prefecture=<pk>` (the center's)
  and `?attempt=1|2` (the first evaluation or the re-evaluation after rectifying; the dashboards' grade chart counts
  first evaluations and links here with `attempt=1`)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter, SearchFilter

from .models import Evaluation, EvaluationRound

YEAR_LIMITS = {"min_value": 2000, "max_value": 2100}


def _prefectures(request=None):
    from apps.reference.models import Prefecture

    return Prefecture.objects.order_by("sort_order", "code")


class RoundFilter(ListFilter):
    q = SearchFilter("title", label=_("Search"), placeholder=_("Round title"))
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="period_end__year", widget=forms.NumberInput(), **YEAR_LIMITS
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EvaluationRound.Status.choices, empty_label=_("All statuses")
    )

    class Meta(ListFilter.Meta):
        model = EvaluationRound
        fields = []


class ResultFilter(ListFilter):
    q = SearchFilter("center__name", "center__lead_unit__name", label=_("Search"), placeholder=_("Center or lead unit"))
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="round__period_end__year", widget=forms.NumberInput(), **YEAR_LIMITS
    )
    grade = django_filters.ChoiceFilter(label=_("Grade"), choices=Evaluation.Grade.choices, empty_label=_("All grades"))
    prefecture = django_filters.ModelChoiceFilter(
        label=_("Prefecture"), field_name="center__prefecture", queryset=_prefectures, empty_label=_("All prefectures")
    )
    attempt = django_filters.ChoiceFilter(
        label=_("Evaluation kind"),
        choices=[("1", _("First evaluation")), ("2", _("Re-evaluation"))],
        empty_label=_("First evaluations and re-evaluations"),
    )

    class Meta(ListFilter.Meta):
        model = Evaluation
        fields = []
