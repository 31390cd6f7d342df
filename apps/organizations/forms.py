from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm, StyledModelForm

from .models import REGISTRATION_FIELDS, IntegrityRecord, Organization


class ApproveForm(StyledForm):
    note = forms.CharField(
        label=_("Opinion"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_credit_code = forms.BooleanField(
        label=_("I compared the credit code with the business licence: it is correct as entered."), required=False
    )


class RejectForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class OrganizationEditForm(StyledModelForm):
    class Meta:
        model = Organization
        fields = list(REGISTRATION_FIELDS)


class IntegrityRecordForm(StyledModelForm):
    class Meta:
        model = IntegrityRecord
        fields = ["kind", "source", "since", "until", "note"]
        widgets = {"since": forms.DateInput(attrs={"type": "date"}), "until": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end date is before the start date."))
        return data
