"""The filters of the patent lists (django-filter): a center's portfolio (`PatentFilter`) and the list of every
patent a user may see (`AllPatentsFilter`: the same and a center).

Type, legal status, grade (or not graded), contract task, filing year range, an overseas family member, text words
on the number, title and applicants. The order is the list's `?sort=` (`listings.PORTFOLIO`: filing or grant date,
either way, a patent without a grant date last; the same parameter and values the page always had). A value that is
not one of the choices is shown as the form's error and ignored; never a 500."""

import contextlib
import json

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.errors import DomainError
from apps.core.listing import ListFilter

from . import portfolio
from .models import FamilyMember, Patent

YEARS = {"min_value": 1985, "max_value": 2100}
NOT_GRADED = "none"


def with_overseas(queryset):
    """Annotate `has_overseas` (an overseas family member exists): a correlated EXISTS, in the list's own query."""
    return queryset.annotate(has_overseas=Exists(FamilyMember.objects.filter(patent_id=OuterRef("pk"), overseas=True)))


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class PatentFilter(ListFilter):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=inputs.SEARCH_MAX)
    patent_type = django_filters.ChoiceFilter(
        label=_("Patent type"), choices=Patent.Type.choices, empty_label=_("All types")
    )
    legal_status = django_filters.ChoiceFilter(
        label=_("Legal status"), choices=Patent.LegalStatus.choices, empty_label=_("All statuses")
    )
    grade = django_filters.ChoiceFilter(
        label=_("Grade"),
        choices=[("A", _("A core")), ("B", _("B important")), ("C", _("C general")), (NOT_GRADED, _("Not graded"))],
        empty_label=_("All grades"),
        method="by_grade",
    )
    task = django_filters.ChoiceFilter(
        label=_("Contract task"), choices=portfolio.TASK_CHOICES, empty_label=_("All tasks"), method="by_task"
    )
    year_from = YearFilter(label=_("Filed from (year)"), field_name="filing_date", method="from_year", **YEARS)
    year_to = YearFilter(label=_("Filed until (year)"), field_name="filing_date", method="to_year", **YEARS)
    overseas = django_filters.BooleanFilter(
        label=_("Overseas family member"),
        method="by_overseas",
        widget=forms.Select(choices=[("", _("With or without")), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta(ListFilter.Meta):
        model = Patent
        fields = []

    # ------------------------------------------------------------ methods

    def search(self, queryset, name, value):
        words = (value or "").strip()
        if not words:
            return queryset
        from . import numbers

        condition = Q(title__icontains=words)
        with contextlib.suppress(DomainError):  # not a number: the other conditions
            condition |= Q(application_number=numbers.normalise(words).number)
        bare = words.upper().removeprefix("ZL").removeprefix("CN").strip()
        if bare:
            condition |= Q(application_number__icontains=bare) | Q(publication_number__icontains=words)
        # Applicants are a JSON list: its text, as stored (SQLite keeps non-ASCII as \\uXXXX escapes, PostgreSQL
        # as characters: both forms are looked for).
        escaped = json.dumps(words)[1:-1]
        condition |= Q(applicants_text__icontains=words)
        if escaped != words:
            condition |= Q(applicants_text__icontains=escaped)
        return queryset.annotate(applicants_text=Cast("applicants", TextField())).filter(condition)

    def by_grade(self, queryset, name, value):
        return queryset.filter(grade="" if value == NOT_GRADED else value)

    def by_task(self, queryset, name, value):
        # tasks is a JSON list of keys ("cultivation_system", …): its text holds the quoted key.
        return queryset.annotate(tasks_text=Cast("tasks", TextField())).filter(tasks_text__contains=f'"{value}"')

    def from_year(self, queryset, name, value):
        from datetime import date

        return queryset.filter(filing_date__gte=date(int(value), 1, 1))

    def to_year(self, queryset, name, value):
        from datetime import date

        return queryset.filter(filing_date__lte=date(int(value), 12, 31))

    def by_overseas(self, queryset, name, value):
        if value is None:
            return queryset
        overseas = Exists(FamilyMember.objects.filter(patent_id=OuterRef("pk"), overseas=True))
        return queryset.filter(overseas if value else ~overseas)


class AllPatentsFilter(PatentFilter):
    """Every patent of the centers the user sees (`request.user`), with a center filter."""

    center = django_filters.ModelChoiceFilter(
        label=_("Center"), queryset=lambda request: _centers(request), empty_label=_("All centers")
    )


def _centers(request):
    from apps.centers import selectors as center_selectors

    if request is None:
        from apps.centers.models import Center

        return Center.objects.none()
    return center_selectors.visible_to(request.user).order_by("name")
