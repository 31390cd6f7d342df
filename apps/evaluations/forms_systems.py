"""The forms of the indicator system's pages (`views_systems`). The rules live in `services_systems` and
`objective`; the forms read what was typed and run the same checks so that an error stands at its field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.errors import DomainError
from apps.core.forms import StyledForm

from . import objective, rules, services_systems
from .models import EvaluationIndicator

K = EvaluationIndicator.Kind


class SystemForm(StyledForm):
    name = forms.CharField(label=gettext_lazy("System name"), max_length=services_systems.NAME_MAX)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=rules.TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


def params_text(params: dict) -> str:
    """{"per_day": 0.2} → "per_day = 0.2" (one line a parameter)."""
    return "\n".join(f"{name} = {objective.fmt(value)}" for name, value in (params or {}).items())


def parse_params(value: str) -> dict:
    """ "name = value" lines → {name: "value"} (the numbers are checked by `objective.clean_params`)."""
    found = {}
    for number, line in enumerate((value or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, sep, raw = line.partition("=")
        if not sep or not name.strip():
            raise ValidationError(
                _("Line %(line)s: write each parameter as “name = number”, such as per_day = 0.2.") % {"line": number}
            )
        found[name.strip()] = raw.strip()
    return found


class IndicatorForm(StyledForm):
    area = forms.TypedChoiceField(label=gettext_lazy("Level-1 area"), coerce=int)
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=services_systems.CODE_MAX,
        help_text=gettext_lazy("Unique within the system, such as 2.1."),
    )
    name = forms.CharField(label=gettext_lazy("Indicator"), max_length=services_systems.NAME_MAX)
    max_points = forms.CharField(
        label=gettext_lazy("Points"),
        max_length=12,
        help_text=gettext_lazy("More than 0 and at most 100, to the hundredth. The system's indicators total 100."),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=K.choices, widget=forms.RadioSelect)
    rule = forms.ChoiceField(
        label=gettext_lazy("Scoring rule (objective indicators)"),
        required=False,
        choices=[("", gettext_lazy("— none (subjective) —")), *objective.rule_choices()],
    )
    params = forms.CharField(
        label=gettext_lazy("Rule parameters"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line, “name = number” (at least 0); left out: the rule's default."),
    )
    guidance = forms.CharField(
        label=gettext_lazy("How it is scored"),
        required=False,
        max_length=rules.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("— please choose —")), *((a.pk, a.name) for a in areas)]

    def clean_max_points(self):
        try:
            return services_systems.points(self.cleaned_data.get("max_points"))
        except DomainError as exc:
            raise ValidationError(exc.message) from exc

    def clean_params(self):
        return parse_params(self.cleaned_data.get("params"))

    def clean(self):
        data = super().clean()
        if data.get("kind") == K.OBJECTIVE:
            rule = data.get("rule") or ""
            if not rule:
                self.add_error(
                    "rule", _("An objective indicator is scored by one of the platform's rules: choose a scoring rule.")
                )
            elif "params" in data:
                try:
                    data["params"] = objective.clean_params(rule, data["params"])
                except DomainError as exc:
                    self.add_error("params", exc.message)
        elif data.get("kind") == K.SUBJECTIVE:
            data["rule"], data["params"] = "", {}
        return data


def indicator_initial(indicator) -> dict:
    return {
        "area": indicator.area_id,
        "code": indicator.code,
        "name": indicator.name,
        "max_points": objective.fmt(indicator.max_points),
        "kind": indicator.kind,
        "rule": indicator.rule,
        "params": params_text(indicator.params),
        "guidance": indicator.guidance,
    }


class VetoForm(StyledForm):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=services_systems.CODE_MAX,
        help_text=gettext_lazy("Unique within the system, such as V1."),
    )
    name = forms.CharField(label=gettext_lazy("Veto item"), max_length=services_systems.NAME_MAX)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=rules.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
