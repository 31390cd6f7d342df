from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm


class AuditFilterForm(StyledForm):
    username = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.CharField(label=_("Action"), required=False, max_length=64)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object ID"), required=False, max_length=64)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        from .labels import object_type_choices

        super().__init__(*args, **kwargs)
        asked = str(self.data.get("object_type", "")) if self.is_bound else ""
        self.fields["object_type"].choices = [("", _("All"))] + object_type_choices(also=asked)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
