from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm, StyledModelForm
from apps.core.roles import Role
from apps.organizations.models import REGISTRATION_FIELDS, Organization
from apps.reference.models import Prefecture

from .models import SecurityPolicy


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


class TokenForm(StyledForm):
    token = forms.RegexField(
        label=_("Verification code"),
        regex=r"^\s*\d{6}\s*$",
        max_length=8,
        error_messages={"invalid": _("Enter the 6-digit code shown by your authenticator app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class PasswordChangeForm(StyledForm):
    old_password = forms.CharField(
        label=_("Current password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
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


class UnitRegistrationForm(StyledModelForm):
    username = forms.CharField(label=_("Username"), max_length=150, help_text=_("Letters, digits and @/./+/-/_ only."))
    full_name = forms.CharField(label=_("Your name"), max_length=64)
    email = forms.EmailField(label=_("Email"))
    phone = forms.CharField(label=_("Mobile phone"), max_length=32)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    human_check = forms.CharField(label=_("Human check"), max_length=8)

    class Meta:
        model = Organization
        fields = list(REGISTRATION_FIELDS)

    def __init__(self, *args, challenge=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.fields["kind"].choices = [
            c
            for c in Organization.Kind.choices
            if c[0] not in (Organization.Kind.GOVERNMENT, Organization.Kind.EVALUATOR)
        ]
        self.fields["prefecture"].queryset = Prefecture.objects.all()
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


class UserCreateForm(StyledForm):
    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[\w.@+-]+$",
        max_length=150,
        error_messages={"invalid": _("Letters, digits and @/./+/-/_ only.")},
    )
    full_name = forms.CharField(label=_("Name"), max_length=64)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
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


class SecurityPolicyForm(StyledModelForm):
    class Meta:
        model = SecurityPolicy
        fields = [
            "password_max_age_days",
            "lockout_failures",
            "lockout_window_minutes",
            "lockout_minutes",
            "session_idle_minutes",
        ]


class UnitMemberForm(StyledForm):
    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[\w.@+-]+$",
        max_length=150,
        error_messages={"invalid": _("Letters, digits and @/./+/-/_ only.")},
    )
    full_name = forms.CharField(label=_("Name"), max_length=64)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
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


class PasswordResetForm(StyledForm):
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
