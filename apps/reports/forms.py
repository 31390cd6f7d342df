"""The forms of annual work reports. They read what was typed (strict dates and lengths: StyledForm); the rules —
who writes, in which state, a due date after the report year — are the service's (`services`), whose refusal is
shown on the form with everything typed kept."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm

from . import rules
from .models import AnnualReport

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _area(rows=6):
    return forms.Textarea(attrs={"rows": rows})


SECTION_HELP = {
    "overall_operation": _("How the center ran over the year: organisation, staff, office, IP council, partners."),
    "task_system": _("Progress on building the high-value patent cultivation system (Art. 13(1))."),
    "task_layout": _("Progress on forward-looking patent layout around the key technologies (Art. 13(2))."),
    "task_utilization": _("Transfer, licensing, pledge and industrialisation of patents (Art. 13(3))."),
    "task_alliance": _("The industry chain IP alliance, standards and patent pools (Art. 13(4))."),
    "funds_use": _("How the special funds and the matching funds were used, by category."),
    "results": _("What the year achieved, against the contract's KPIs."),
    "highlights": _("What stands out in the center's work (特色亮点)."),
    "problems": _("The difficulties met and what they need."),
    "next_year_plan": _("Objectives and measures for the next year."),
}


class SectionsForm(StyledForm):
    """Every section of Art. 14 in one form (the fields are added below, from the model); `seen_at` carries the
    report's last change when the form was opened (someone else's save in between is refused, nothing
    overwritten)."""

    seen_at = forms.CharField(widget=forms.HiddenInput, required=False, max_length=inputs.HIDDEN_MAX)

    def sections(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in AnnualReport.SECTIONS}


def _section_field(name) -> forms.CharField:
    return forms.CharField(
        label=AnnualReport._meta.get_field(name).verbose_name,
        required=False,
        strip=False,
        max_length=rules.SECTION_MAX,
        widget=_area(),
        help_text=SECTION_HELP.get(name, ""),
    )


# The sections as declared fields, in the order of Art. 14 (before `seen_at`), so the styled form dresses them.
SectionsForm.base_fields = {
    **{name: _section_field(name) for name in AnnualReport.SECTIONS},
    "seen_at": SectionsForm.base_fields["seen_at"],
}


class OpinionForm(StyledForm):
    """The opinion of a forward, the reasons of a return (required by the transition), a note of receipt."""

    reason = forms.CharField(
        label=_("Opinion or reasons"), widget=_area(3), required=False, max_length=inputs.REASON_MAX
    )


class CommentForm(StyledForm):
    text = forms.CharField(label=_("Your comment"), widget=_area(3), max_length=rules.COMMENT_MAX)
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_("A document that supports the comment: PDF, Word, Excel or an image."),
    )


class DueDateForm(StyledForm):
    due_on = forms.DateField(label=_("Due date"), **DATE)


class YearForm(StyledForm):
    """A new reporting year with its due date (the region's reporting-years page)."""

    year = forms.IntegerField(label=_("Report year"), min_value=rules.FIRST_YEAR, max_value=rules.LAST_YEAR)
    due_on = forms.DateField(label=_("Due date"), **DATE)
