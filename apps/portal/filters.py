"""The filter bars of the public lists (django-filter, `apps.core.listing`): announcements and public notices by
words of the title (`?q=`) and kind (`?kind=`). A kind that is not one of the choices is the form's error and a
message; never a 500."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.listing import ListFilter, SearchFilter

from .models import Announcement, PublicNotice


class AnnouncementFilter(ListFilter):
    q = SearchFilter("title", label=_("Search"), placeholder=_("Words of the title"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Announcement.Kind.choices, empty_label=_("All types"))

    class Meta(ListFilter.Meta):
        model = Announcement
        fields = []


class NoticeFilter(ListFilter):
    q = SearchFilter("title", label=_("Search"), placeholder=_("Words of the title"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PublicNotice.Kind.choices, empty_label=_("All types"))

    class Meta(ListFilter.Meta):
        model = PublicNotice
        fields = []
