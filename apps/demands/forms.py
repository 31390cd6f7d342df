from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm, StyledModelForm
from apps.core.roles import Role
from apps.portal.forms import HumanCheckMixin
from apps.reference.models import Industry

from .models import NOTE_MAX, SUBMISSION_FIELDS, TEXT_MAX, CollectionRound, Demand


class DemandForm(StyledModelForm):
    """The demand as the public writes it."""

    class Meta:
        model = Demand
        fields = list(SUBMISSION_FIELDS)
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "expected_outcome": forms.Textarea(attrs={"rows": 3}),
            "regional_significance": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "organization_name": _("The full registered name of your organization, or “individual”."),
            "phone": _("A phone number or an email address is required (at least one of the two)."),
            "email": _("A phone number or an email address is required (at least one of the two)."),
            "problem": _("The key technical or IP problem the industry faces."),
            "expected_outcome": _("What a cultivation center should deliver: patents, standards, transfers…"),
            "regional_significance": _("Influence, pull on the industry chain, breadth of application."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].queryset = Industry.objects.filter(is_active=True)
        self.fields["industry"].empty_label = _("Choose an industry")

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors:
            self.add_error(
                "phone", _("A phone number or an email address is required: please give at least one of the two.")
            )
        return data

    def _post_clean(self):
        # Model validation belongs to the service (receipt number, round); the form checks fields only.
        pass

    def submission(self) -> dict:
        """What `services.demand_submit` takes: the demand's fields of this form (not the human check)."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PublicDemandForm(HumanCheckMixin, DemandForm):
    def __init__(self, *args, challenge=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_human_check(challenge)


class UnitDemandForm(DemandForm):
    """From a unit account: the organization comes from the account."""

    class Meta(DemandForm.Meta):
        fields = [f for f in DemandForm.Meta.fields if f != "organization_name"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not self.is_bound:
            self.initial.setdefault("contact_name", user.display_name)
            self.initial.setdefault("phone", user.phone)
            self.initial.setdefault("email", user.email)


class FollowForm(StyledForm):
    receipt = forms.CharField(
        label=_("Receipt number"),
        max_length=30,
        help_text=_("For example XQ2026ABCDEFGH, as given when you submitted."),
    )


class RoundForm(StyledModelForm):
    class Meta:
        model = CollectionRound
        fields = ["title", "description", "opens_on", "closes_on"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):
        pass


class NoteForm(StyledForm):
    note = forms.CharField(
        label=_("Opinion"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason (shown to the submitter)"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class MergeForm(StyledForm):
    into = forms.CharField(
        label=_("Receipt number of the demand to keep"),
        max_length=30,
        help_text=_("Choose one of the similar demands above, or enter the receipt number of the demand to keep."),
    )
    reason = forms.CharField(
        label=_("Reason (shown to the submitter)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, demand=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.demand = demand

    def clean_into(self):
        number = "".join(self.cleaned_data["into"].split()).upper()
        kept = Demand.objects.filter(receipt_number=number).first()
        if kept is None:
            raise forms.ValidationError(_("No demand has this receipt number."))
        if self.demand is not None and kept.pk == self.demand.pk:
            raise forms.ValidationError(_("A demand cannot be merged into itself."))
        return kept


class AssignForm(StyledForm):
    experts = forms.ModelMultipleChoiceField(
        label=_("Experts"),
        queryset=get_user_model().objects.filter(role=Role.EXPERT, is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least three experts.")},
    )


class ArgumentForm(StyledForm):
    influence = forms.IntegerField(
        label=_("Influence (0–100)"),
        min_value=0,
        max_value=100,
        help_text=_("How strongly the field shapes the region's key industries."),
    )
    industry_pull = forms.IntegerField(
        label=_("Pull on the industry chain (0–100)"),
        min_value=0,
        max_value=100,
        help_text=_("How far up and down the chain a center in this field would drive innovation."),
    )
    breadth = forms.IntegerField(
        label=_("Breadth of application (0–100)"),
        min_value=0,
        max_value=100,
        help_text=_("How widely the expected patents could be applied."),
    )
    opinion = forms.CharField(
        label=_("Argument opinion"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
    recommend = forms.BooleanField(label=_("I recommend making this demand a topic of a call."), required=False)
