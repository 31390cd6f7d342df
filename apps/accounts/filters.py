"""The filter bar of the system administrator's accounts list (django-filter, `apps.core.listing`): search words
(`?q=`: username, name or organization) and role (`?role=`), the parameters the page always had. A role that is not
one of the choices is the form's error and a message; never a 500."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter, SearchFilter
from apps.core.roles import Role

from .models import User


class UserFilter(ListFilter):
    q = SearchFilter(
        "username",
        "full_name",
        "organization__name",
        label=_("Search"),
        placeholder=_("Username, name or organization"),
    )
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All roles"))

    class Meta(ListFilter.Meta):
        model = User
        fields = []
