"""The forms of the consequences (Art. 17): support, rectification, excuse, re-evaluation, delisting. They read what
was typed (strict dates and lengths: StyledForm); amounts are parsed by the services' own rules
(`apps.centers.funding.money`, `services_consequences.parse_clawback`), the deadlines and the all-or-nothing delisting
are the services', whose refusal is shown on the form with everything typed kept."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm

from .models import SupportDecision

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _area(rows=4):
    return forms.Textarea(attrs={"rows": rows})


def _amount(**kwargs):
    field = forms.CharField(max_length=20, **kwargs)
    field.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})
    return field


class SupportForm(StyledForm):
    amount = _amount(
        label=_("Support amount (yuan)"), help_text=_("In yuan, with at most two decimals, such as 120000 or 3456.78.")
    )
    document_number = forms.CharField(
        label=_("Document number"),
        max_length=SupportDecision._meta.get_field("document_number").max_length,
        help_text=_("The number of the support decision (文号)."),
    )
    occurred_on = forms.DateField(label=_("Date of allocation"), required=False, help_text=_("Empty: today."), **DATE)


class RectifyForm(StyledForm):
    requirements = forms.CharField(label=_("Rectification requirements"), widget=_area(), max_length=inputs.REASON_MAX)
    due_on = forms.DateField(label=_("Due on"), help_text=_("At most six months from today (Art. 17(2))."), **DATE)


class ExcuseForm(StyledForm):
    reason = forms.CharField(label=_("Why the reason is accepted"), widget=_area(3), max_length=inputs.REASON_MAX)


class ConfirmForm(StyledForm):
    """A button: nothing typed."""


class DelistForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason for delisting"), widget=_area(), max_length=inputs.REASON_MAX, required=False
    )
    clawback_amount = _amount(
        label=_("Clawback (yuan)"),
        required=False,
        help_text=_("Prefilled with what was allocated and not yet clawed back; 0 only when nothing is left."),
    )
    clawback_due_on = forms.DateField(label=_("Clawback due on"), required=False, **DATE)
    announcement_title = forms.CharField(label=_("Announcement title"), max_length=200)
    announcement_body = forms.CharField(label=_("Announcement text"), widget=_area(8), max_length=inputs.TEXT_MAX)
