"""The standards part's forms: a standard and an alliance or patent pool (record and edit). Every rule lives in the
service (`standards.clean_standard`, `standards.clean_alliance`): the form only reads what was typed. The long lists
(the center's patents, the organizations register) are multiple selects with a filter box
(static/patents/filter_select.js)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm

from .forms_utilization import PatentsChoiceField
from .models import Alliance, Standard

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
FILTERABLE = {"data-filter-select": "1", "data-filter-placeholder": _("Type to filter…"), "size": "8"}


class OrganizationsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.credit_code}）" if obj.credit_code else obj.name


class StandardForm(StyledForm):
    number = forms.CharField(
        label=_("Standard number"),
        max_length=64,
        help_text=_(
            "Code, number and year, such as GB/T 12345-2020, DB15/T 1234-2021, T/CAS 001-2023 or ISO 9001:2015; a "
            "standard being drafted may carry its plan number."
        ),
    )
    name = forms.CharField(label=_("Standard name"), max_length=300)
    level = forms.ChoiceField(label=_("Level"), choices=[("", ""), *Standard.Level.choices])
    role = forms.ChoiceField(label=_("The center's role"), choices=[("", ""), *Standard.Role.choices])
    status = forms.ChoiceField(label=_("Status"), choices=Standard.Status.choices, initial=Standard.Status.PUBLISHED)
    published_on = forms.DateField(
        label=_("Published on"), required=False, help_text=_("Required once the standard is published."), **DATE
    )
    patents = PatentsChoiceField(
        label=_("Patents it relies on"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs=FILTERABLE),
        help_text=_("The center's patents the standard relies on (hold Ctrl to choose several)."),
    )

    def __init__(self, *args, patents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["patents"].queryset = patents


class NewStandardForm(StandardForm):
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_("The standard's text or its publication notice (PDF or image); it can also be added later."),
    )


class AllianceForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", ""), *Alliance.Kind.choices])
    name = forms.CharField(label=_("Alliance or pool name"), max_length=200)
    role = forms.ChoiceField(label=_("The center's role"), choices=[("", ""), *Alliance.Role.choices])
    joined_on = forms.DateField(label=_("Joined on"), **DATE)
    left_on = forms.DateField(label=_("Left on"), required=False, **DATE)
    members = OrganizationsChoiceField(
        label=_("Members from the organizations register"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs=FILTERABLE),
        help_text=_("Type in the box to find an organization; hold Ctrl to choose several."),
    )
    other_members = forms.CharField(
        label=_("Members not in the register"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One member per line."),
    )
    patents = PatentsChoiceField(
        label=_("Patents contributed"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs=FILTERABLE),
    )
    licensing_terms = forms.CharField(
        label=_("Licensing terms"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, patents=None, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["patents"].queryset = patents
        self.fields["members"].queryset = organizations


class NewAllianceForm(AllianceForm):
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_(
            "The agreement, membership certificate or the pool's terms (PDF or image); it can also be added later."
        ),
    )
