"""The ledger's forms: one per kind of entry, the repayment of a clawback and the correction of an entry.

Amounts are typed as text and checked by the ledger's own rule (`funding.money`: more than zero, at most two
decimals, at most the limit), so the form and the service say the same thing in the same words."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.errors import DomainError
from apps.core.forms import StyledForm

from . import funding

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class AmountField(forms.CharField):
    """An amount in yuan as typed ("1234.56"); cleaned to a Decimal by `funding.money`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Amount (yuan)"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("In yuan, with at most two decimals, such as 120000 or 3456.78."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        try:
            return funding.money(value, label=self.label)
        except DomainError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None


class AllocationForm(StyledForm):
    tranche_number = forms.TypedChoiceField(label=_("Tranche"), coerce=int)
    amount = AmountField()
    occurred_on = forms.DateField(label=_("Date of allocation"), **DATE)
    document_number = forms.CharField(
        label=_("Document number"), max_length=100, help_text=_("The number of the allocation document (文号).")
    )

    def __init__(self, *args, tranches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tranche_number"].choices = [("", _("— please choose —")), *tranches]


class ExpenditureForm(StyledForm):
    category = forms.ChoiceField(label=_("Budget category"))
    amount = AmountField()
    occurred_on = forms.DateField(label=_("Date of payment"), **DATE)
    description = forms.CharField(label=pgettext_lazy("ledger", "Description"), max_length=500)
    voucher = forms.FileField(label=_("Voucher"), help_text=_("The invoice or payment record (PDF or image)."))

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("— please choose —"))] + [(c, c) for c in categories]


class MatchedForm(StyledForm):
    amount = AmountField()
    occurred_on = forms.DateField(label=_("Entry date"), **DATE)
    description = forms.CharField(
        label=pgettext_lazy("ledger", "Description"),
        max_length=500,
        help_text=_("Which unit put in the funds, and for what."),
    )
    category = forms.ChoiceField(label=_("Budget category"), required=False)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("(none)"))] + [(c, c) for c in categories]


class ClawbackForm(StyledForm):
    amount = AmountField()
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    due_on = forms.DateField(label=_("To be repaid by"), **DATE)


class ReceiptForm(StyledForm):
    amount = AmountField(label=_("Amount repaid (yuan)"))
    occurred_on = forms.DateField(label=_("Date received"), **DATE)


class CorrectionForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("The entry stays in the ledger; a reversing entry with this reason cancels it."),
    )
