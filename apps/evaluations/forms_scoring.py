"""The forms of scoring. They read what was typed (lengths: StyledForm); the rules — the points' range and
decimals, the comment of a subjective score, the reason for contesting the platform's points, who scores in which
state — are the service's (`services_scoring`), whose refusals are shown next to the row with everything typed
kept."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm

from . import rules
from .models import Evaluation, VetoItem


def _area(rows=2):
    return forms.Textarea(attrs={"rows": rows})


class ScoresForm(StyledForm):
    """One row per indicator (`points_<id>`, `comment_<id>`, `contest_<id>` for objective ones) and the opinion.
    `rows` are the evaluation's IndicatorScore rows (with their indicator)."""

    opinion = forms.CharField(
        label=_("The evaluator's opinion"),
        required=False,
        max_length=rules.TEXT_MAX,
        widget=_area(4),
        help_text=_("The overall opinion on the center, read by the region with the scores."),
    )

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for score in self.rows:
            indicator = score.indicator
            self.fields[f"points_{indicator.pk}"] = forms.CharField(
                label=_("Points of %(code)s") % {"code": indicator.code},
                required=False,
                max_length=12,
                widget=forms.NumberInput(
                    attrs={
                        "min": "0",
                        "max": f"{score.max_points.normalize():f}",
                        "step": "0.01",
                        "inputmode": "decimal",
                    }
                ),
            )
            self.fields[f"comment_{indicator.pk}"] = forms.CharField(
                label=_("Comment on %(code)s") % {"code": indicator.code},
                required=False,
                max_length=rules.TEXT_MAX,
                widget=_area(),
            )
            if indicator.is_objective:
                self.fields[f"contest_{indicator.pk}"] = forms.CharField(
                    label=_("Reason for contesting %(code)s") % {"code": indicator.code},
                    required=False,
                    max_length=rules.TEXT_MAX,
                    widget=_area(),
                )

    @staticmethod
    def initial_of(evaluation, rows) -> dict:
        initial = {"opinion": evaluation.opinion}
        for score in rows:
            key = score.indicator_id
            initial[f"points_{key}"] = "" if score.points is None else f"{score.points:f}"
            initial[f"comment_{key}"] = score.comment
            if score.indicator.is_objective:
                initial[f"contest_{key}"] = score.contest_reason
        return initial

    def score_rows(self) -> dict:
        """What the service takes: {indicator id: {"points", "comment", "contest_reason"}}."""
        data = self.cleaned_data
        return {
            score.indicator_id: {
                "points": data.get(f"points_{score.indicator_id}", ""),
                "comment": data.get(f"comment_{score.indicator_id}", ""),
                "contest_reason": data.get(f"contest_{score.indicator_id}", ""),
            }
            for score in self.rows
        }

    def add_row_errors(self, errors: dict) -> None:
        """The service's refusals (Chinese messages by indicator id), each next to its row's points."""
        for indicator_id, message in errors.items():
            name = f"points_{indicator_id}"
            self.add_error(name if name in self.fields else None, message)

    def bound_rows(self) -> list[dict]:
        """For the template: each score with its bound fields."""
        out = []
        for score in self.rows:
            key = score.indicator_id
            out.append(
                {
                    "score": score,
                    "points": self[f"points_{key}"],
                    "comment": self[f"comment_{key}"],
                    "contest": self[f"contest_{key}"] if score.indicator.is_objective else None,
                }
            )
        return out


class ParticipationForm(StyledForm):
    participation = forms.ChoiceField(
        label=_("participation"), choices=Evaluation.Participation.choices, widget=forms.RadioSelect
    )
    justified = forms.BooleanField(
        label=_("The center gave a justified reason (Art. 17(3))"),
        required=False,
    )
    justification = forms.CharField(
        label=_("reason given"),
        required=False,
        max_length=rules.TEXT_MAX,
        widget=_area(3),
        help_text=_("Required when the reason is accepted as justified."),
    )


class VetoForm(StyledForm):
    item = forms.ModelChoiceField(label=_("veto item"), queryset=VetoItem.objects.none())
    finding = forms.CharField(label=_("finding"), max_length=rules.TEXT_MAX, widget=_area(3))

    def __init__(self, *args, system=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = VetoItem.objects.filter(system=system) if system else VetoItem.objects.none()


class ActForm(StyledForm):
    """The reasons of a return (required by the transition); a submission or a confirmation sends none."""

    reason = forms.CharField(
        label=_("Opinion or reasons"), widget=_area(3), required=False, max_length=inputs.REASON_MAX
    )
