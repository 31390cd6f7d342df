"""The utilization part's forms: an event on one of the center's patents (record and edit) and the reason of a
deletion. Every rule lives in the service (`utilization.clean_event`): the form only reads what was typed, so the
form and the service refuse in the same words (amounts are typed as text and checked there: ≥ 0, two decimals)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm

from .models import Exploitation

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class PatentChoiceField(forms.ModelChoiceField):
    """One of the center's patents, told apart by its number."""

    def label_from_instance(self, obj):
        return f"{obj.display_number} {obj.title}"


class PatentsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_number} {obj.title}"


class EventForm(StyledForm):
    patent = PatentChoiceField(label=_("Patent"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of event"), choices=[("", ""), *Exploitation.Kind.choices])
    license_type = forms.ChoiceField(
        label=_("Licence type"),
        required=False,
        choices=[("", _("(not a licence)")), *Exploitation.LicenseType.choices],
        help_text=_("Only for a licence. An open licence (开放许可) only for a granted patent."),
    )
    counterparty = forms.CharField(
        label=_("Counterparty"),
        max_length=200,
        required=False,
        help_text=_(
            "The licensee, assignee, lender, company invested in or other party; for a self-implementation the unit "
            "that implements it."
        ),
    )
    product = forms.CharField(
        label=_("Product"), max_length=200, required=False, help_text=_("For a self-implementation: the product.")
    )
    amount = forms.CharField(
        label=_("Amount (yuan)"),
        max_length=20,
        required=False,
        help_text=_(
            "Licence fee, price, loan, valuation or revenue, in yuan with at most two decimals; required for a "
            "pledge and an equity contribution."
        ),
    )
    starts_on = forms.DateField(
        label=_("Date"), help_text=_("When the event took effect (the contract's date)."), **DATE
    )
    ends_on = forms.DateField(
        label=_("Until"), required=False, help_text=_("The end of the licence term or of the loan, if any."), **DATE
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, patents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["patent"].queryset = patents
        self.fields["amount"].widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})


class NewEventForm(EventForm):
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_(
            "The contract, registration certificate, invoice or judgment (PDF or image). It can also be added later; "
            "an event without evidence is marked as such."
        ),
    )


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason for deleting"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
