"""The grading part's forms: a patent's grading (confirm or override with a reason), the bulk confirmation from the
list, the center's grading model, the region's strategic-industry IPC list. The rules are the services'
(`grading`, `high_value`); a refusal is shown at the form and nothing typed is lost."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm

from .grading import GRADE_LABELS
from .models import GradingModel, PatentGrade, StrategicIPC


class GradeForm(StyledForm):
    grade = forms.ChoiceField(
        label=_("grade"), choices=list(GRADE_LABELS.items()), widget=forms.RadioSelect, required=True
    )
    handling = forms.ChoiceField(label=_("handling"), choices=PatentGrade.Handling.choices)
    reason = forms.CharField(
        label=_("reason for overriding the suggestion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the grade differs from the suggested one."),
    )


class BulkConfirmForm(StyledForm):
    """The patents chosen on the list (checkboxes named "patents")."""

    def clean(self):
        data = super().clean()
        values = self.data.getlist("patents") if hasattr(self.data, "getlist") else self.data.get("patents", [])
        ids = []
        for value in values:
            if not str(value).isdigit():
                raise forms.ValidationError(_("Choose the patents to grade."))
            ids.append(int(value))
        if not ids:
            raise forms.ValidationError(_("Choose the patents to grade."))
        data["patents"] = ids
        return data


def _weight(name):
    return forms.DecimalField(
        label=GradingModel._meta.get_field(name).verbose_name, min_value=0, max_value=100, decimal_places=2
    )


class GradingModelForm(StyledForm):
    legal_weight = _weight("legal_weight")
    technical_weight = _weight("technical_weight")
    economic_weight = _weight("economic_weight")
    threshold_a = _weight("threshold_a")
    threshold_b = _weight("threshold_b")


class StrategicIPCForm(StyledForm):
    ipc_prefix = forms.CharField(
        label=StrategicIPC._meta.get_field("ipc_prefix").verbose_name,
        max_length=16,
        help_text=_("An IPC section, class, subclass or group: H01M, G06F 16, G06F 16/78."),
    )
    industry = forms.CharField(label=StrategicIPC._meta.get_field("industry").verbose_name, max_length=100)
