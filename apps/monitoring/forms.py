"""The KPI early warning's forms: the dismissal's reason (required by the service, which refuses an empty one with
its Chinese message; the length is the model's). The list's
filters are `apps.monitoring.filters.FlagFilter`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm

from .models import Flag


class DismissForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason for dismissing the warning"),
        required=False,
        max_length=inputs.limit_of(Flag._meta.get_field("dismissed_reason")),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say why the KPIs behind the warning need no action now (the reason is kept in the audit trail)."),
    )
