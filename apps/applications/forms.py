from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core import inputs
from apps.core.forms import StyledForm, StyledFormMixin, StyledModelForm
from apps.core.roles import Role

from . import kpis, scoring
from .models import APPLICATION_FIELDS, APPLICATION_SECTIONS, TABLE_ROWS_MAX, Application, Capability, Partnership

TEXTAREA = {"rows": 4}
MONEY_FIELD = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}


class CreateForm(StyledForm):
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=None, empty_label=None)
    project_name = forms.CharField(label=_("Project name"), max_length=200)

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics
        self.fields["topic"].label_from_instance = lambda t: f"{t.call.title} · {t}"


class ApplicationForm(StyledModelForm):
    class Meta:
        model = Application
        fields = list(APPLICATION_FIELDS)
        widgets = {
            name: forms.Textarea(attrs=TEXTAREA)
            for name in APPLICATION_FIELDS
            if isinstance(Application._meta.get_field(name), models.TextField)
        }
        help_texts = {
            "field_description": _("The technical field of the lead unit's R&D and how it matches the topic."),
            "cooperation_record": _(
                "Joint projects, platforms and results with enterprises, universities and institutes in recent years."
            ),
        }

    SECTIONS = APPLICATION_SECTIONS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from apps.reference.models import Industry

        self.fields["field_industry"].queryset = Industry.objects.filter(is_active=True)

    @property
    def sections(self) -> dict:
        """Bound fields per part of the form, for the template (form.sections.plan)."""
        return {name: [self[f] for f in fields] for name, fields in self.SECTIONS.items()}


class CapabilityForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *Capability.Kind.choices])
    name = forms.CharField(label=_("Platform, project or R&D"), max_length=200)
    level = forms.ChoiceField(label=_("Level"), choices=[("", "—"), *Capability.Level.choices], required=False)
    approving_body = forms.CharField(label=_("Approving body"), max_length=200, required=False)
    number = forms.CharField(label=_("Number"), max_length=100, required=False)
    starts_on = forms.DateField(
        label=_("From"),
        required=False,
        validators=[inputs.HISTORY_DATES],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ends_on = forms.DateField(
        label=_("To"), required=False, validators=[inputs.HISTORY_DATES], widget=forms.DateInput(attrs={"type": "date"})
    )
    results = forms.CharField(label=_("Results achieved"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date is before the start date."))
        return data


class RDInvestmentForm(StyledForm):
    year = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.DecimalField(label=_("R&D investment (yuan)"), required=False, **MONEY_FIELD)
    revenue = forms.DecimalField(label=_("Revenue (yuan)"), required=False, **MONEY_FIELD)


class _YearTargets(forms.Form):
    """One input per year of the term (`kpis.years()`), added before StyledFormMixin styles the fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for year in kpis.years():
            self.fields[kpis.target_key(year)] = forms.DecimalField(
                label=_("Year %(year)s") % {"year": year}, required=False, **MONEY_FIELD
            )


class IndicatorForm(StyledFormMixin, _YearTargets):
    """One row of the KPI table: the indicator, its baseline and one target per year of the term. Cleaned, the
    targets come as `targets` {year: value} (the row format of `kpis`)."""

    topic_indicator_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Indicator"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=32)
    baseline = forms.DecimalField(label=_("Baseline"), required=False, **MONEY_FIELD)

    def __init__(self, *args, minimums=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.minimum = None
        self.minimum_year = kpis.term_years()
        topic_indicator = self.initial.get("topic_indicator_id")
        if topic_indicator and minimums and topic_indicator in minimums:
            self.minimum = minimums[topic_indicator]
            for name in ("name", "unit"):
                self.fields[name].widget.attrs["readonly"] = True

    @staticmethod
    def initial_for(indicator) -> dict:
        row = kpis.as_row(indicator)
        targets = row.pop("targets")
        return {**row, **{kpis.target_key(year): value for year, value in targets.items()}}

    def clean(self):
        data = super().clean()
        data["targets"] = {year: data.pop(kpis.target_key(year), None) for year in kpis.years()}
        return data


class BudgetItemForm(StyledForm):
    name = forms.CharField(label=_("Budget item"), max_length=200)
    requested_amount = forms.DecimalField(label=_("Requested funds (yuan)"), initial=0, **MONEY_FIELD)
    matched_amount = forms.DecimalField(label=_("Matched funds (yuan)"), initial=0, **MONEY_FIELD)
    note = forms.CharField(label=_("Explanation"), max_length=500, required=False)


CapabilityFormSet = inputs.limited_formset(
    CapabilityForm, extra=1, can_delete=True, max_num=TABLE_ROWS_MAX["capabilities"], label=_("R&D capabilities")
)
RDInvestmentFormSet = inputs.limited_formset(
    RDInvestmentForm, extra=0, max_num=TABLE_ROWS_MAX["rd"], label=_("R&D investment")
)
IndicatorFormSet = inputs.limited_formset(
    IndicatorForm, extra=1, can_delete=True, max_num=TABLE_ROWS_MAX["indicators"], label=_("Indicators")
)
BudgetFormSet = inputs.limited_formset(
    BudgetItemForm, extra=1, can_delete=True, max_num=TABLE_ROWS_MAX["budget"], label=_("Budget")
)


def formset_rows(formset) -> list[dict]:
    """The filled, not deleted rows of a valid formset."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({k: v for k, v in data.items() if k != "DELETE"})
    return rows


class PartnerForm(StyledForm):
    credit_code = forms.CharField(
        label=_("Partner's unified social credit code"),
        max_length=18,
        help_text=_("The partner must be registered on the platform."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Partnership.Role.choices)
    contribution = forms.CharField(label=_("Contribution"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class RecommendForm(StyledForm):
    opinion = forms.CharField(
        label=_("Recommendation opinion"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm_region = forms.BooleanField(
        label=_(
            "I checked that the lead unit is registered in Inner Mongolia although its credit code is not a 15… code."
        ),
        required=False,
    )


class OpinionForm(StyledForm):
    opinion = forms.CharField(
        label=_("Opinion"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class PanelMemberForm(StyledForm):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=None)

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        taken = panel.members.values_list("expert_id", flat=True)
        self.fields["expert"].queryset = (
            User.objects.filter(role=Role.EXPERT, is_active=True).exclude(pk__in=taken).select_related("expert_profile")
        )
        self.fields["expert"].label_from_instance = _expert_label


def _expert_label(user) -> str:
    profile = getattr(user, "expert_profile", None)
    if profile is None:
        return user.display_name
    parts = [user.display_name, profile.title, profile.fields, profile.affiliation_name]
    return " · ".join(p for p in parts if p)


class ScoreForm(StyledForm):
    comment = forms.CharField(label=_("Overall opinion"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = scoring.criteria()
        for criterion in self.criteria:
            self.fields[f"score_{criterion.code}"] = forms.DecimalField(
                label=f"{criterion.label}（{criterion.weight}%）",
                max_digits=5,
                decimal_places=2,
                validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
                help_text=_("0–100"),
            )
            self.fields[f"comment_{criterion.code}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.order_fields([*(f for c in self.criteria for f in (f"score_{c.code}", f"comment_{c.code}")), "comment"])
        # StyledForm styled the fields that existed before; these were added afterwards.
        inputs.harden_form(self)
        for name, field in self.fields.items():
            if name.startswith(("score_", "comment_")):
                field.widget.attrs["class"] = "form-control"
                if field.help_text:
                    field.widget.attrs["aria-describedby"] = f"id_{name}_helptext"

    def scores(self) -> dict:
        return {c.code: self.cleaned_data[f"score_{c.code}"] for c in self.criteria}

    def comments(self) -> dict:
        return {c.code: self.cleaned_data.get(f"comment_{c.code}", "") for c in self.criteria}


class SelectionForm(StyledForm):
    applications = forms.ModelMultipleChoiceField(
        label=_("Applications to select"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    contact = forms.CharField(
        label=_("Contact for objections"),
        max_length=200,
        required=False,
        help_text=_("Office, phone or address, shown on the public notice."),
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = Application.objects.filter(
            call=call, status=Application.Status.EXPERT_REVIEW, review_rank__isnull=False
        ).select_related("topic", "lead_unit")
        self.fields["applications"].label_from_instance = lambda a: f"{a.topic.number}. {a} · {a.lead_unit}"
