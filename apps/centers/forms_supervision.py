"""The forms of supervision: scheduling an inspection or the acceptance, a finding, the inspection's result, the
acceptance's result, the rectification's report and conclusion. They read what was typed (strict dates and lengths:
StyledForm); the rules — dates from today, only officers of the center's prefecture, a due date at most six months
away — are the service's (`supervision`), whose refusal is shown on the form with everything typed kept. Forms take
`center` as a keyword with a default, so the project-wide form walks can build them empty."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm
from apps.core.roles import Role

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
DUE_HELP = _("At most six months from today (Art. 17(2)).")


def _area(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class OfficerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class InspectionForm(StyledForm):
    scheduled_on = forms.DateField(label=_("Inspection date"), **DATE)
    scope = forms.CharField(label=_("Scope"), widget=_area(), max_length=inputs.TEXT_MAX)
    team = forms.CharField(
        label=_("Inspection team"),
        widget=_area(2),
        max_length=inputs.TEXT_MAX,
        help_text=_("Names and units of the members."),
    )
    officers = OfficerChoiceField(
        label=_("Prefecture officers who take part"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They may record findings. Only officers of the center's prefecture office."),
    )

    def __init__(self, *args, center=None, **kwargs):
        super().__init__(*args, **kwargs)
        if center is not None:
            self.fields["officers"].queryset = (
                get_user_model()
                .objects.filter(role=Role.PREFECTURE_OFFICER, prefecture_id=center.prefecture_id, is_active=True)
                .order_by("full_name", "pk")
            )


class FindingForm(StyledForm):
    text = forms.CharField(label=_("Finding"), widget=_area(), max_length=inputs.TEXT_MAX)
    requires_rectification = forms.BooleanField(label=_("Requires rectification"), required=False)
    requirements = forms.CharField(
        label=_("Rectification requirements"),
        widget=_area(),
        max_length=inputs.TEXT_MAX,
        required=False,
        help_text=_("Required when the finding requires rectification."),
    )
    due_on = forms.DateField(label=_("Rectify by"), required=False, help_text=DUE_HELP, **DATE)


class SummaryForm(StyledForm):
    summary = forms.CharField(label=_("Result"), widget=_area(4), max_length=inputs.TEXT_MAX)


class RequiredReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), widget=_area(), max_length=inputs.REASON_MAX)


class AcceptanceForm(StyledForm):
    scheduled_on = forms.DateField(label=_("Acceptance date"), **DATE)
    team = forms.CharField(label=_("Acceptance team"), widget=_area(2), max_length=inputs.TEXT_MAX)

    def __init__(self, *args, center=None, earliest=None, **kwargs):
        super().__init__(*args, **kwargs)
        if earliest is not None:
            self.fields["scheduled_on"].help_text = _("Not before %(date)s (the last 90 days of the term).") % {
                "date": earliest.isoformat()
            }


class AcceptanceDecideForm(StyledForm):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[("passed", _("Passed")), ("failed", _("Failed"))],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label=_("Opinion"), widget=_area(4), max_length=inputs.REASON_MAX)
    requirements = forms.CharField(
        label=_("Rectification requirements"),
        widget=_area(),
        max_length=inputs.TEXT_MAX,
        required=False,
        help_text=_("Required when the acceptance failed."),
    )
    due_on = forms.DateField(label=_("Rectify by"), required=False, help_text=DUE_HELP, **DATE)


class ReportForm(StyledForm):
    report = forms.CharField(label=_("Rectification report"), widget=_area(5), max_length=inputs.TEXT_MAX)


class ConclusionForm(StyledForm):
    conclusion = forms.CharField(label=_("Conclusion"), widget=_area(), max_length=inputs.REASON_MAX, required=False)


class RequiredConclusionForm(StyledForm):
    conclusion = forms.CharField(label=_("Conclusion"), widget=_area(), max_length=inputs.REASON_MAX)
