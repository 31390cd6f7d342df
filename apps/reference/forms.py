from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.forms import StyledForm

from . import calendar
from .models import CalendarDay


def _outside_the_calendar() -> str:
    return _("The calendar covers the years %(first)s to %(last)s only.") % {
        "first": calendar.FIRST_YEAR,
        "last": calendar.LAST_YEAR,
    }


class CalendarDayForm(StyledForm):
    # The calendar's years are the business date range (apps/core/inputs.py); the refusal says it in its words.
    date = forms.DateField(
        label=pgettext_lazy("calendar", "Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"date_range": lazy(_outside_the_calendar, str)()},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarDay.Kind.choices)
    note = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("For example the State Council's notice on the year's holidays, with its number."),
    )
    override_published = forms.BooleanField(
        label=_("Override the published schedule"),
        required=False,
        help_text=_(
            "Only for a year whose schedule is published (chinese-calendar), when the State Council changed it."
        ),
    )


class CalendarYearConfirmForm(StyledForm):
    source = forms.CharField(
        label=pgettext_lazy("legal basis", "Source"),
        max_length=200,
        help_text=_(
            "The State Council's notice whose holidays and make-up working days you have entered in full for this year."
        ),
    )


class RequiredReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), max_length=500)
