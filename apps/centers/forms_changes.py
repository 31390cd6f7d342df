"""The forms of changes and termination: one form per kind of change (its reasons and its proposal), the prefecture
office's opinion, the region's decisions, the termination's request and decisions.

A kind's form reads what was typed (strict numbers and dates: apps.core.inputs through StyledForm) and hands the
service the raw proposal (`proposal()`); the rules — which partner, which targets, how long an extension, a total that
stays the same — are the service's (`changes.clean_proposal`), whose refusal is shown above the form with everything
typed kept. Forms take `center` / `version` as keywords with defaults, so the project-wide form walks can build them
empty."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.applications.models import Partnership
from apps.core import inputs
from apps.core.forms import StyledForm

from .models import ChangeRequest, ContractVersion

Kind = ChangeRequest.Kind
REASONS_HELP = _("Why the change is needed, and what it rests on (evidence can be attached to the draft).")


class _ChangeForm(StyledForm):
    """The part every kind shares: the reasons."""

    reasons = forms.CharField(
        label=_("Reasons for the change"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=inputs.TEXT_MAX,
        help_text=REASONS_HELP,
    )

    def __init__(self, *args, center=None, version=None, **kwargs):
        self.center = center
        self.version = version
        super().__init__(*args, **kwargs)

    def proposal(self) -> dict:
        raise NotImplementedError

    @staticmethod
    def initial_from(proposal: dict, version) -> dict:
        """The form's initial values from a stored proposal (editing a draft)."""
        return {}


class LeadPersonForm(_ChangeForm):
    lead_person = forms.CharField(
        label=_("New person in charge"),
        max_length=ContractVersion._meta.get_field("lead_person").max_length,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.version is not None:
            self.fields["lead_person"].help_text = _("Now: %(name)s") % {"name": self.version.lead_person or "—"}

    def proposal(self) -> dict:
        return {"to": self.cleaned_data.get("lead_person", "")}

    @staticmethod
    def initial_from(proposal, version) -> dict:
        return {"lead_person": proposal.get("to", "")}


class PartnersForm(_ChangeForm):
    remove = forms.MultipleChoiceField(
        label=_("Partner units that leave"), required=False, widget=forms.CheckboxSelectMultiple
    )
    add_credit_code = forms.CharField(
        label=_("Unified social credit code of the unit that joins"),
        required=False,
        max_length=32,
        help_text=_("The unit must be registered on the platform and approved."),
    )
    add_role = forms.ChoiceField(label=_("Its role"), required=False, choices=[("", "—"), *Partnership.Role.choices])
    add_contribution = forms.CharField(
        label=_("Its contribution"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=Partnership._meta.get_field("contribution").max_length,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.center is not None:
            self.fields["remove"].choices = [
                (str(p.organization_id), f"{p.organization.name}（{p.get_role_display()}）")
                for p in self.center.partners.filter(left_on__isnull=True).select_related("organization")
            ]

    def proposal(self) -> dict:
        data = self.cleaned_data
        names = dict(self.fields["remove"].choices)
        add = []
        if data.get("add_credit_code") or data.get("add_role") or data.get("add_contribution"):
            add.append(
                {
                    "credit_code": data.get("add_credit_code", ""),
                    "role": data.get("add_role", ""),
                    "contribution": data.get("add_contribution", ""),
                }
            )
        remove = [
            {"organization_id": int(value), "name": str(names.get(value, ""))} for value in data.get("remove", [])
        ]
        return {"add": add, "remove": remove}

    @staticmethod
    def initial_from(proposal, version) -> dict:
        add = (proposal.get("add") or [{}])[0]
        return {
            "remove": [str(r["organization_id"]) for r in proposal.get("remove", [])],
            "add_credit_code": add.get("credit_code", ""),
            "add_role": add.get("role", ""),
            "add_contribution": add.get("contribution", ""),
        }


class KpiTargetsForm(_ChangeForm):
    """One input per KPI of the version in force and contract year, showing the target in force; what differs from
    it is the proposal."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = []  # [(indicator, [field name per year])] for the table
        self.years = []
        if self.version is None:
            return
        from . import contract

        self.years = list(range(1, contract.years(self.version) + 1))
        for index, indicator in enumerate(self.version.indicators.all()):
            targets = indicator.targets_by_year()
            names = []
            for year in self.years:
                name = self.key(index, year)
                self.fields[name] = forms.DecimalField(
                    label=_("%(name)s, year %(year)s") % {"name": indicator.name, "year": year},
                    required=False,
                    initial=targets.get(year),
                )
                names.append(name)
            self.grid.append((indicator, names))

    @staticmethod
    def key(index: int, year: int) -> str:
        return f"t{index}_y{year}"

    def rows(self):
        """[(indicator, [bound field per year])] for the template."""
        return [(indicator, [self[name] for name in names]) for indicator, names in self.grid]

    def proposal(self) -> dict:
        data = self.cleaned_data
        targets = []
        for index, (indicator, _names) in enumerate(self.grid):
            for year in self.years:
                targets.append({"indicator": indicator.name, "year": year, "to": data.get(self.key(index, year))})
        return {"targets": targets}

    @classmethod
    def initial_from(cls, proposal, version) -> dict:
        names = [i.name for i in version.indicators.all()] if version is not None else []
        initial = {}
        for target in proposal.get("targets", []):
            if target.get("indicator") in names:
                initial[cls.key(names.index(target["indicator"]), int(target["year"]))] = target.get("to")
        return initial


class TermExtensionForm(_ChangeForm):
    new_end = forms.DateField(label=_("New end of the term"), widget=forms.DateInput(attrs={"type": "date"}))
    term_reason = forms.CharField(
        label=_("Reason for a term over three years"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=inputs.TEXT_MAX,
        help_text=_("The term is three years in principle (Art. 13): a longer term needs its reason."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.version is not None and self.version.term_ends_on:
            from . import rules

            self.fields["new_end"].help_text = _(
                "The term now ends on %(end)s; an extension moves it by at most %(months)s months."
            ) % {"end": self.version.term_ends_on.isoformat(), "months": rules.TERM_EXTENSION_MAX_MONTHS}
            if not self.is_bound:
                self.initial.setdefault("term_reason", self.version.term_reason)

    def proposal(self) -> dict:
        data = self.cleaned_data
        return {"to": data.get("new_end"), "term_reason": data.get("term_reason", "")}

    @staticmethod
    def initial_from(proposal, version) -> dict:
        return {"new_end": proposal.get("to"), "term_reason": proposal.get("term_reason", "")}


class BudgetReallocationForm(_ChangeForm):
    """One input per budget line of the version in force, showing its funds; the changed lines are the proposal."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = []
        if self.version is None:
            return
        for index, line in enumerate(self.version.budget_lines.all()):
            name = self.key(index)
            self.fields[name] = forms.DecimalField(
                label=_("%(name)s (yuan)") % {"name": line.category},
                required=False,
                initial=line.amount,
                help_text=_("Now: %(amount)s yuan") % {"amount": f"{line.amount:,.2f}"},
            )
            self.lines.append((line, name))

    @staticmethod
    def key(index: int) -> str:
        return f"b{index}"

    def proposal(self) -> dict:
        data = self.cleaned_data
        return {"lines": [{"category": line.category, "to": data.get(name)} for line, name in self.lines]}

    @classmethod
    def initial_from(cls, proposal, version) -> dict:
        categories = [line.category for line in version.budget_lines.all()] if version is not None else []
        return {
            cls.key(categories.index(line["category"])): line.get("to")
            for line in proposal.get("lines", [])
            if line.get("category") in categories
        }


class OtherChangeForm(_ChangeForm):
    text = forms.CharField(label=_("The change"), widget=forms.Textarea(attrs={"rows": 4}), max_length=inputs.TEXT_MAX)

    def proposal(self) -> dict:
        return {"text": self.cleaned_data.get("text", "")}

    @staticmethod
    def initial_from(proposal, version) -> dict:
        return {"text": proposal.get("text", "")}


KIND_FORMS = {
    Kind.LEAD_PERSON: LeadPersonForm,
    Kind.PARTNERS: PartnersForm,
    Kind.KPI_TARGETS: KpiTargetsForm,
    Kind.TERM_EXTENSION: TermExtensionForm,
    Kind.BUDGET_REALLOCATION: BudgetReallocationForm,
    Kind.OTHER: OtherChangeForm,
}


# ---------------------------------------------------------------- opinions and decisions


class ChangeOpinionForm(StyledForm):
    supports = forms.TypedChoiceField(
        label=_("The prefecture office"),
        choices=[("yes", _("supports the change")), ("no", _("does not support the change"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Opinion of the prefecture office"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=inputs.REASON_MAX,
    )


class RequiredReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), max_length=inputs.REASON_MAX)


class OptionalReasonForm(StyledForm):
    reason = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 2}), max_length=inputs.REASON_MAX, required=False
    )


class TerminationRequestForm(StyledForm):
    reasons = forms.CharField(
        label=_("Reasons for the termination"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=inputs.TEXT_MAX,
        help_text=_("Your prefecture office gives its opinion; the regional bureau decides (Art. 5(3))."),
    )


class TerminationOpinionForm(StyledForm):
    opinion = forms.CharField(
        label=_("Opinion of the prefecture office"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=inputs.REASON_MAX,
    )


class TerminationApproveForm(StyledForm):
    effective_on = forms.DateField(
        label=_("Effective on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Not later than today. Unspent allocated funds become a clawback entry."),
    )
    reason = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 2}), max_length=inputs.REASON_MAX, required=False
    )


class TerminationDecideForm(StyledForm):
    reasons = forms.CharField(
        label=_("Reasons for the termination"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=inputs.REASON_MAX,
    )
    effective_on = forms.DateField(
        label=_("Effective on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Not later than today. Unspent allocated funds become a clawback entry."),
    )
