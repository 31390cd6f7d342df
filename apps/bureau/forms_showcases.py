"""The showcase form (the region writes or edits, a lead unit proposes): the center, the title, the summary, the text
and the figures as repeated rows (`figure-<n>-label`, `figure-<n>-value`, `figure-<n>-unit`). The figures are read as
typed and checked by the service (`services_showcases.figures_clean`: a label and a plain number per row), so a
refusal shows the form again with every row as it was typed. The reasons of a decline or a withdrawal: ReasonForm.
Choices come as keywords with defaults, so a form walk can build the forms empty."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.centers.models import Center
from apps.core import inputs
from apps.core.forms import StyledForm

from .models import Showcase
from .services_showcases import FIGURES_MAX

FIGURE_KEY = re.compile(r"^figure-(\d{1,3})-(label|value|unit)$")
EMPTY_ROWS = 3  # blank rows offered after the typed ones


def figures_from(data) -> list[dict]:
    """The figure rows present in the POST data, in the order of their numbers, as typed (nothing dropped here)."""
    rows: dict[int, dict] = {}
    for key in data or {}:
        match = FIGURE_KEY.match(key)
        if match:
            rows.setdefault(int(match.group(1)), {})[match.group(2)] = str(data.get(key) or "")
    return [{"label": "", "value": "", "unit": "", **rows[n]} for n in sorted(rows)]


class ShowcaseForm(StyledForm):
    center = forms.ModelChoiceField(
        label=_("Center"),
        queryset=Center.objects.none(),
        required=False,
        help_text=_("The cultivation center whose practice this is."),
    )
    title = forms.CharField(label=_("Title"), max_length=Showcase._meta.get_field("title").max_length)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=Showcase._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences shown in the lists."),
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=Showcase._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Plain text; blank lines separate paragraphs."),
    )

    def __init__(self, data=None, *args, centers=None, center_required=False, figures=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        if centers is not None:
            self.fields["center"].queryset = centers
        self.fields["center"].required = center_required
        self.typed_figures = figures_from(data) if data is not None else [dict(row) for row in figures or ()]

    @property
    def figure_rows(self) -> list[dict]:
        """The rows to show: what was typed (or stored), then a few blank ones (at most FIGURES_MAX in all, unless
        more were typed)."""
        rows = [dict(row, number=n) for n, row in enumerate(self.typed_figures)]
        blanks = max(0, min(EMPTY_ROWS, FIGURES_MAX - len(rows)))
        rows += [{"label": "", "value": "", "unit": "", "number": len(rows) + i} for i in range(blanks)]
        return rows

    def clean(self):
        cleaned = super().clean()
        cleaned["figures"] = self.typed_figures
        return cleaned


class ReasonForm(StyledForm):
    """The reasons of a decline or a withdrawal (required by the transition, checked by the service)."""

    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=inputs.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
