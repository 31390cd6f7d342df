"""The office's and the IP council's forms: the office with its staff table, a council member, a member leaving,
a meeting with its decisions table and minutes. The rules themselves are the services' (`office.py`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm, StyledModelForm

from .models import CouncilDecision, CouncilMember, Office, OfficeStaff
from .office import DECISIONS_MAX, OFFICE_FIELDS, STAFF_MAX

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class OfficeForm(StyledModelForm):
    class Meta:
        model = Office
        fields = OFFICE_FIELDS
        widgets = {"facilities": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "facilities": _("Hardware and software the lead unit provides: equipment, databases, information systems."),
            "phone": inputs.PHONE_HELP,
        }


class _OrganizationRowForm(StyledForm):
    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class StaffForm(_OrganizationRowForm):
    name = forms.CharField(label=_("Name"), max_length=64)
    role = forms.CharField(label=_("Role in the office"), max_length=100)
    employment = forms.ChoiceField(label=_("Employment"), choices=[("", "—"), *OfficeStaff.Employment.choices])
    organization = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)


StaffFormSet = inputs.limited_formset(StaffForm, extra=3, can_delete=True, max_num=STAFF_MAX, label=_("Staff"))


class CouncilMemberForm(_OrganizationRowForm):
    name = forms.CharField(label=_("Name"), max_length=64)
    party = forms.ChoiceField(label=_("Party"), choices=CouncilMember.Party.choices)
    organization = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        help_text=_(
            "The lead unit for a member from the lead unit; a current partner for a member from a partner unit."
        ),
    )
    position = forms.ChoiceField(label=_("Position on the council"), choices=CouncilMember.Position.choices)
    title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    joined_on = forms.DateField(label=_("Joined the council on"), **DATE)


class MemberLeaveForm(StyledForm):
    left_on = forms.DateField(label=_("Left the council on"), **DATE)


class MeetingForm(StyledForm):
    held_on = forms.DateField(label=_("Held on"), **DATE)
    title = forms.CharField(label=_("Title of the meeting"), max_length=200)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}))
    attendees = forms.ModelMultipleChoiceField(
        label=_("Members present"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    other_attendees = forms.CharField(
        label=_("Other attendees"),
        max_length=500,
        required=False,
        help_text=_("Guests who are not members of the council: names and units."),
    )
    minutes = forms.FileField(
        label=_("Minutes"), required=False, help_text=_("The signed minutes (PDF); they can also be added later.")
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        self.fields["attendees"].label_from_instance = lambda m: f"{m.name}（{m.get_position_display()}）"


class DecisionForm(StyledForm):
    subject = forms.ChoiceField(label=_("Subject"), choices=[("", "—"), *CouncilDecision.Subject.choices])
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.CharField(label=_("Responsible"), max_length=100, required=False)
    due_on = forms.DateField(label=_("Due on"), required=False, **DATE)


DecisionFormSet = inputs.limited_formset(
    DecisionForm, extra=3, can_delete=False, max_num=DECISIONS_MAX, label=_("Decisions")
)


def formset_rows(formset) -> list[dict]:
    """The filled, not deleted rows of a valid formset."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({k: v for k, v in data.items() if k != "DELETE"})
    return rows
