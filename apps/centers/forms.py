"""Forms of the center's own actions (the foundation). The parts have their own `forms_<part>.py`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), max_length=inputs.REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class OpinionForm(StyledForm):
    reason = forms.CharField(
        label=_("Conclusion"),
        required=False,
        max_length=inputs.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
