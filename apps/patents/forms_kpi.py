"""The KPI engine's forms: the "as of" date of the table, the region's bindings (a select per KPI) and the lead
unit's self-reported value. The value is typed as text and checked by the service (`kpi.report`), so the form and
the service say the same thing in the same words."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm

from . import metrics

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class AsOfForm(StyledForm):
    as_of = forms.DateField(label=_("As of"), required=False, **DATE)


def as_of_from(request):
    """The date `?as_of=` asks for (None: today). A malformed or out-of-range date is ignored (today)."""
    form = AsOfForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form.cleaned_data.get("as_of") or None
    return None


class BindingsForm(StyledForm):
    """One select per KPI of the version in force (`metric_<indicator id>`): "self-reported" or a metric."""

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        options = [("", _("Self-reported by the center")), *metrics.choices()]
        for indicator in self.indicators:
            suggestion = metrics.suggest(indicator.name, indicator.unit)
            field = forms.ChoiceField(
                label=f"{indicator.name}（{indicator.unit}）",
                choices=options,
                required=False,
                initial=indicator.metric,
            )
            field.suggestion = suggestion
            field.suggestion_label = metrics.METRICS[suggestion].label if suggestion else ""
            field.indicator = indicator
            self.fields[self.key(indicator)] = field

    @staticmethod
    def key(indicator) -> str:
        return f"metric_{indicator.pk}"

    def choices(self) -> dict[int, str]:
        """{indicator id: metric key} as chosen."""
        return {i.pk: self.cleaned_data.get(self.key(i)) or "" for i in self.indicators}

    def rows(self):
        """(indicator, bound field, suggested metric key, its label) per KPI, for the template."""
        return [
            (i, self[self.key(i)], self.fields[self.key(i)].suggestion, self.fields[self.key(i)].suggestion_label)
            for i in self.indicators
        ]


class ReportForm(StyledForm):
    year = forms.TypedChoiceField(label=_("Contract year"), coerce=int)
    value = forms.CharField(
        label=_("Value reached (cumulative)"),
        max_length=20,
        help_text=_("Cumulative from the start of the term, in the KPI's unit, with at most two decimals."),
    )
    as_of = forms.DateField(
        label=_("Reached on"), help_text=_("A day of the chosen contract year, not after today."), **DATE
    )
    explanation = forms.CharField(
        label=_("Explanation and evidence"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("How the value was counted and what proves it."),
    )
    evidence = forms.FileField(
        label=_("Evidence file"), required=False, help_text=_("Optional: a PDF, image or spreadsheet that proves it.")
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("— please choose —"))] + [
            (y.number, _("Year %(n)s (%(start)s – %(end)s)") % {"n": y.number, "start": y.starts_on, "end": y.ends_on})
            for y in years
        ]
        self.fields["value"].widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})
