from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm


class ParameterForm(StyledForm):
    """The value and the reason. The bounds are the service's rule (its refusal names them); the browser only gets
    them as hints (min/max/step)."""

    value = forms.DecimalField(label=_("New value"), max_digits=12, decimal_places=4)
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit trail with the old and the new value, e.g. the bureau's decision."),
    )
    expected = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        tunable = line.tunable
        field = self.fields["value"]
        field.initial = tunable.format(line.current)
        field.widget.attrs.update(
            {"min": tunable.format(tunable.minimum), "max": tunable.format(tunable.maximum), "step": str(tunable.step)}
        )
        field.help_text = _("From %(minimum)s to %(maximum)s %(unit)s; default %(default)s.") % {
            "minimum": tunable.format(tunable.minimum),
            "maximum": tunable.format(tunable.maximum),
            "unit": tunable.unit,
            "default": tunable.format(tunable.default),
        }
        self.fields["expected"].initial = tunable.format(line.current)
