from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.forms import StyledForm

from .models import CalendarDay


class CalendarDayForm(StyledForm):
    date = forms.DateField(label=pgettext_lazy("calendar", "Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarDay.Kind.choices)
    note = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("For example the State Council's notice on the year's holidays, with its number."),
    )


class CalendarYearConfirmForm(StyledForm):
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        help_text=_(
            "The State Council's notice whose holidays and make-up working days you have entered in full for this year."
        ),
    )


class RequiredReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), max_length=500)
