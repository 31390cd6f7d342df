"""The contract's forms: its content and term, its three tables (KPIs, budget lines, tranches), the lead unit's
comments, the region's recall and the registration of the signing. The forms read what was typed (strict numbers
and dates: apps.core.inputs through StyledForm); the rules are the services' (`contract`)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm, StyledFormMixin

from . import contract
from .models import ContractVersion
from .models.contract import BUDGET_NOTE_MAX, TERM_MONTHS_MAX

TEXTAREA = {"rows": 4}
MONEY_FIELD = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}


class ContentForm(StyledForm):
    """The construction content (the four Art. 13 tasks), both parties' obligations, the person in charge and the
    term (months; another term than three years needs a reason)."""

    task_cultivation_system = forms.CharField(
        label=ContractVersion._meta.get_field("task_cultivation_system").verbose_name,
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    task_forward_layout = forms.CharField(
        label=ContractVersion._meta.get_field("task_forward_layout").verbose_name,
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    task_transfer_use = forms.CharField(
        label=ContractVersion._meta.get_field("task_transfer_use").verbose_name,
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    task_industry_alliance = forms.CharField(
        label=ContractVersion._meta.get_field("task_industry_alliance").verbose_name,
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    obligations_region = forms.CharField(
        label=_("Obligations of the regional bureau (party A)"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    obligations_unit = forms.CharField(
        label=_("Obligations of the lead unit (party B)"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    lead_person = forms.CharField(label=_("Person in charge"), max_length=64, required=False)
    term_months = forms.IntegerField(
        label=_("Term (months)"),
        min_value=1,
        max_value=TERM_MONTHS_MAX,
        help_text=_("36 months (3 years, Art. 13) by default, counted from the signing date."),
    )
    term_reason = forms.CharField(
        label=_("Reason for a term other than three years"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    @staticmethod
    def initial_for(version) -> dict:
        return {name: getattr(version, name) for name in contract.CONTENT_FIELDS}


class _YearTargets(forms.Form):
    """One input per contract year (`years`), added before StyledFormMixin styles the fields."""

    def __init__(self, *args, years=3, **kwargs):
        self.years = years
        super().__init__(*args, **kwargs)
        for year in range(1, years + 1):
            label = _("Year %(year)s (end of term)") if year == years else _("Year %(year)s")
            label = label % {"year": year}
            self.fields[IndicatorForm.key(year)] = forms.DecimalField(label=label, required=False, **MONEY_FIELD)


class IndicatorForm(StyledFormMixin, _YearTargets):
    """One KPI: name, unit, baseline and one target per contract year (the last one is the end-of-term target).
    Cleaned, the targets come as `targets` {year: value} (the row format of `contract.clean_indicator_rows`)."""

    topic_indicator_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    metric = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Indicator"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=32)
    baseline = forms.DecimalField(label=_("Baseline"), required=False, **MONEY_FIELD)

    @staticmethod
    def key(year: int) -> str:
        return f"target_year{year}"

    @classmethod
    def initial_for(cls, row: dict) -> dict:
        return {
            **{k: row.get(k) for k in ("topic_indicator_id", "metric", "name", "unit", "baseline")},
            **{cls.key(year): value for year, value in (row.get("targets") or {}).items()},
        }

    def clean(self):
        data = super().clean()
        data["targets"] = {year: data.pop(self.key(year), None) for year in range(1, self.years + 1)}
        return data


class BudgetLineForm(StyledForm):
    category = forms.CharField(label=_("Budget category"), max_length=200)
    amount = forms.DecimalField(label=_("Funds (yuan)"), initial=0, **MONEY_FIELD)
    matched_amount = forms.DecimalField(label=_("Matched funds (yuan)"), initial=0, required=False, **MONEY_FIELD)
    note = forms.CharField(label=_("Explanation"), max_length=BUDGET_NOTE_MAX, required=False)


class TrancheForm(StyledForm):
    planned_on = forms.DateField(
        label=_("Planned date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    amount = forms.DecimalField(label=_("Amount (yuan)"), **MONEY_FIELD)
    condition = forms.CharField(label=_("Condition"), max_length=500, required=False)


IndicatorFormSet = inputs.limited_formset(
    IndicatorForm, extra=1, can_delete=True, max_num=contract.ROWS_MAX["indicators"], label=_("KPIs")
)
BudgetLineFormSet = inputs.limited_formset(
    BudgetLineForm, extra=1, can_delete=True, max_num=contract.ROWS_MAX["budget_lines"], label=_("Budget")
)
TrancheFormSet = inputs.limited_formset(
    TrancheForm, extra=1, can_delete=True, max_num=contract.ROWS_MAX["tranches"], label=_("Disbursement schedule")
)


def formset_rows(formset) -> list[dict]:
    """The filled, not deleted rows of a valid formset, in the order shown."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({k: v for k, v in data.items() if k != "DELETE"})
    return rows


class ReasonForm(StyledForm):
    reason = forms.CharField(
        label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}), max_length=inputs.REASON_MAX
    )


class SignForm(StyledForm):
    signed_on = forms.DateField(
        label=_("Signing date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    unit_scan = forms.FileField(label=_("Contract signed and sealed by the lead unit (scan)"))
    region_scan = forms.FileField(label=_("Contract signed and sealed by the regional bureau (scan)"))
