"""The filter bars of the bureau's lists (django-filter, `apps.core.listing`): the region's library of documents
(`?kind=`, words of the title), good practice (`?status=`, words of the title or summary) and policy questions
(`?status=`, words of the subject or article). The parameter names are the ones the pages always had. A value that
is not one of the choices is the form's error and a Chinese message, never a 500."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter, SearchFilter

from .models import PolicyDocument, PolicyQuestion, Showcase


class DocumentFilter(ListFilter):
    q = SearchFilter("title", label=_("Search"), placeholder=_("Words of the title"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PolicyDocument.Kind.choices, empty_label=_("All kinds"))

    class Meta(ListFilter.Meta):
        model = PolicyDocument
        fields = []


def showcase_statuses() -> list[tuple[str, str]]:
    """The states for the filter; "published" in the words of a state ("发布于" is the catalogue's date column)."""
    published = Showcase.Status.PUBLISHED
    return [
        (value, _("Published on the site") if value == published else label) for value, label in Showcase.Status.choices
    ]


class ShowcaseFilter(ListFilter):
    q = SearchFilter("title", "summary", label=_("Search"), placeholder=_("Words of the title or summary"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=showcase_statuses, empty_label=_("All statuses"))

    class Meta(ListFilter.Meta):
        model = Showcase
        fields = []


class QuestionFilter(ListFilter):
    q = SearchFilter("subject", "article", label=_("Search"), placeholder=_("Words of the subject or article"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PolicyQuestion.Status.choices, empty_label=_("All statuses")
    )

    class Meta(ListFilter.Meta):
        model = PolicyQuestion
        fields = []
