from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm, StyledModelForm
from apps.core.roles import Role
from apps.organizations.models import REGISTRATION_FIELDS, Organization
from apps.reference.models import Prefecture

from .models import POLICY_BOUNDS, SecurityPolicy


def password_rules_text() -> str:
    """The password rules as one readable sentence (the validators' help texts, punctuation merged)."""
    return "；".join(str(t).rstrip("。.") for t in password_validators_help_texts()) + "。"


class LoginForm(StyledForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    # Asked only after many failed logins for the account (security.human_check_required); the service checks it.
    human_check = forms.CharField(label=_("Human check"), max_length=8, required=False)

    def show_human_check(self, challenge=None) -> None:
        """With a challenge: ask its fresh question (the answer typed before is cleared). Without: no such field."""
        if challenge is None:
            self.fields.pop("human_check", None)
            return
        challenge.new()
        field = self.fields["human_check"]
        field.required = True
        field.help_text = challenge.question
        if self.is_bound:
            self.data = self.data.copy()
            self.data["human_check"] = ""


class TokenForm(StyledForm):
    token = forms.RegexField(
        label=_("Verification code"),
        regex=r"^\s*\d{6}\s*$",
        max_length=8,
        error_messages={"invalid": _("Enter the 6-digit code shown by your authenticator app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class PasswordResetForm(StyledForm):
    """A new password, twice (the rules in its help text); the self-service reset and, with the current password,
    the change of one's own password."""

    new_password = forms.CharField(
        label=_("New password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password2 = forms.CharField(
        label=_("New password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password"].help_text = password_rules_text()

    def clean(self):
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("new_password2"):
            self.add_error("new_password2", _("The two new passwords differ."))
        return data


class PasswordChangeForm(PasswordResetForm):
    old_password = forms.CharField(
        label=_("Current password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    field_order = ["old_password", "new_password", "new_password2"]


class UnitRegistrationForm(StyledModelForm):
    username = forms.CharField(label=_("Username"), max_length=150, help_text=_("Letters, digits and @/./+/-/_ only."))
    full_name = forms.CharField(label=_("Your name"), max_length=64)
    email = forms.EmailField(label=_("Email"))
    phone = forms.CharField(label=_("Mobile phone"), max_length=32, validators=[inputs.validate_phone])
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    human_check = forms.CharField(label=_("Human check"), max_length=8)

    class Meta:
        model = Organization
        fields = list(REGISTRATION_FIELDS)

    @staticmethod
    def registrable_kinds() -> list[tuple[str, str]]:
        """The organization types a unit registers itself as (not government offices or evaluators)."""
        return [
            c
            for c in Organization.Kind.choices
            if c[0] not in (Organization.Kind.GOVERNMENT, Organization.Kind.EVALUATOR)
        ]

    def __init__(self, *args, challenge=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.fields["kind"].choices = self.registrable_kinds()
        self.fields["prefecture"].queryset = Prefecture.objects.all()
        self.fields["prefecture"].help_text = _(
            "Leave empty only for organizations outside Inner Mongolia. Such an organization cannot lead an "
            "application (Art. 9): see below the form what it can do."
        )
        if challenge is not None:
            self.fields["human_check"].help_text = challenge.question
        self.fields["password"].help_text = password_rules_text()

    def clean_username(self):
        import re

        value = self.cleaned_data["username"].strip()
        if not re.fullmatch(r"[\w.@+-]+", value):
            raise forms.ValidationError(_("Letters, digits and @/./+/-/_ only."))
        return value

    def clean_human_check(self):
        value = self.cleaned_data["human_check"]
        if self.challenge is None or not self.challenge.check(value):
            raise forms.ValidationError(_("The answer to the check question is wrong."))
        return value

    def clean(self):
        from django.contrib.auth.password_validation import validate_password

        from .models import User

        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        if data.get("password"):
            try:
                validate_password(
                    data["password"], User(username=data.get("username", ""), email=data.get("email", ""))
                )
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class OrganizationChoiceField(forms.ModelChoiceField):
    """Approved organizations, told apart by their credit code."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Organization.objects.filter(status=Organization.Status.APPROVED))
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.credit_code}）"


class PersonForm(StyledForm):
    """The account of a person someone else creates: username, name and how to reach them."""

    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[\w.@+-]+$",
        max_length=150,
        error_messages={"invalid": _("Letters, digits and @/./+/-/_ only.")},
    )
    full_name = forms.CharField(label=_("Name"), max_length=64)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False, validators=[inputs.validate_phone])


class UserCreateForm(PersonForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organization = OrganizationChoiceField(
        label=_("Organization"),
        required=False,
        help_text=_("Required for unit users and evaluators."),
    )
    prefecture = forms.ModelChoiceField(
        label=_("Prefecture office"),
        queryset=Prefecture.objects.all(),
        required=False,
        help_text=_("Required for prefecture officers."),
    )


class UserEditForm(UserCreateForm):
    username = None


def _field_range(model, name) -> tuple:
    """The range of a model's integer field as every supported database holds it (PositiveSmallIntegerField:
    0–32767), whatever the database in use would take."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    return BaseDatabaseOperations.integer_field_ranges[model._meta.get_field(name).get_internal_type()]


class SecurityPolicyForm(StyledModelForm):
    """Each number with its bounds beside it (help text and the browser's min/max): the MLPS level 3 bounds of
    `models.POLICY_BOUNDS`, else the field's own range, so nobody learns them only from a refusal."""

    class Meta:
        model = SecurityPolicy
        fields = [
            "password_max_age_days",
            "lockout_failures",
            "lockout_window_minutes",
            "lockout_minutes",
            "session_idle_minutes",
        ]
        labels = {"password_max_age_days": _("Password expiry (days)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            own_low, own_high = _field_range(SecurityPolicy, name)
            low, high = POLICY_BOUNDS.get(name, (None, None))
            low = own_low if low is None else low
            high = own_high if high is None else high
            field.min_value, field.max_value = low, high
            field.widget.attrs.update({"min": low, "max": high, "aria-describedby": f"id_{name}_helptext"})
            if name in POLICY_BOUNDS:
                field.help_text = _("From %(min)s to %(max)s (the bounds of MLPS level 3).") % {"min": low, "max": high}
            else:
                field.help_text = _("From %(min)s to %(max)s.") % {"min": low, "max": high}


class UnitMemberForm(PersonForm):
    as_admin = forms.BooleanField(label=_("Also a unit administrator"), required=False)


class ExpertProfileForm(StyledForm):
    title = forms.CharField(label=_("Professional title"), max_length=64)
    fields = forms.CharField(label=_("Fields of expertise"), max_length=255)
    industries = forms.ModelMultipleChoiceField(
        label=_("Industries"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    affiliation = forms.ModelChoiceField(
        label=_("Affiliation (registered organization)"), required=False, queryset=Organization.objects.all()
    )
    affiliation_name = forms.CharField(label=_("Affiliation (as written)"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        from apps.reference.models import Industry

        super().__init__(*args, **kwargs)
        self.fields["industries"].queryset = Industry.objects.filter(is_active=True)


class ConflictForm(StyledForm):
    organization = forms.ModelChoiceField(label=_("Organization"), required=False, queryset=Organization.objects.all())
    organization_name = forms.CharField(label=_("Or its name, if it is not registered"), max_length=200, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=255)


class EmploymentForm(StyledForm):
    organization = forms.ModelChoiceField(
        label=_("Former employer"), required=False, queryset=Organization.objects.all()
    )
    organization_name = forms.CharField(label=_("Or its name, if it is not registered"), max_length=200, required=False)
    until = forms.DateField(
        label=_("Worked there until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class PasswordResetRequestForm(StyledForm):
    username = forms.CharField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("Email"))
