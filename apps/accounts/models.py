import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.model_base import ProjectModel
from apps.core.roles import ORGANIZATION_ROLES, TWO_FACTOR_REQUIRED, Role


def new_stamp() -> str:
    return secrets.token_hex(16)


class User(ProjectModel, AbstractUser):
    """An account. One role per account; unit roles and evaluators belong to an organization, prefecture
    officers to one prefecture office."""

    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    prefecture = models.ForeignKey(
        "reference.Prefecture",
        verbose_name=_("prefecture office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )
    full_name = models.CharField(_("full name"), max_length=64, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[inputs.validate_phone])
    must_change_password = models.BooleanField(_("must change password at next login"), default=False)
    password_changed_at = models.DateTimeField(_("password changed at"), default=timezone.now)
    # Rotating the stamp invalidates every session of the user (logout everywhere, disable, password change).
    security_stamp = models.CharField(max_length=32, default=new_stamp, editable=False)

    objects = UserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # The accounts list filtered by role, in username order; a unit's colleagues (issue 14).
        indexes = [
            models.Index(fields=["role", "username"], name="user_role_username"),
            models.Index(fields=["organization", "username"], name="user_org_username"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="prefecture_officer") | models.Q(prefecture__isnull=False),
                name="prefecture_officer_has_prefecture",
            ),
            models.CheckConstraint(
                condition=~models.Q(role__in=sorted(ORGANIZATION_ROLES)) | models.Q(organization__isnull=False),
                name="unit_user_has_organization",
            ),
            models.CheckConstraint(condition=models.Q(is_superuser=False), name="no_superuser_accounts"),
        ]

    def __str__(self):
        return self.full_name or self.username

    def _get_session_auth_hash(self, secret=None):
        return salted_hmac(
            "apps.accounts.User.session", self.password + self.security_stamp, secret=secret, algorithm="sha256"
        ).hexdigest()

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def requires_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_REQUIRED

    def has_role(self, *roles) -> bool:
        return self.is_authenticated and self.role in roles


class PasswordHistory(ProjectModel, models.Model):
    """Hashes of earlier passwords, so the last five cannot be reused."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class ExpertProfile(ProjectModel, models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="expert_profile")
    title = models.CharField(_("professional title"), max_length=64, blank=True)
    fields = models.CharField(_("fields of expertise"), max_length=255, blank=True)
    industries = models.ManyToManyField("reference.Industry", verbose_name=_("industries"), blank=True)
    affiliation = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("affiliation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    affiliation_name = models.CharField(_("affiliation (as written)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self):
        return str(self.user)


# A row names its organization: a registered one, or the name as written when it is not registered.
NAMES_AN_ORGANIZATION = models.Q(organization__isnull=False) | ~models.Q(organization_name="")


class ExpertOrganization(ProjectModel, models.Model):
    """An organization in the expert's record (a declared conflict, a former employer): a registered organization,
    or its name as written when it is not registered (NAMES_AN_ORGANIZATION)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    organization_name = models.CharField(_("organization (as written)"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def organization_label(self) -> str:
        return self.organization.name if self.organization_id else self.organization_name


class ExpertConflict(ExpertOrganization):
    """An organization the expert must not judge (family, commercial ties, …), declared by the expert: a registered
    organization, or its name as written when it is not registered. `apps.accounts.conflicts` applies it."""

    expert = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="declared_conflicts")
    reason = models.CharField(_("reason"), max_length=255)

    class Meta:
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["expert", "organization"], name="unique_expert_conflict"),
            models.CheckConstraint(condition=NAMES_AN_ORGANIZATION, name="expert_conflict_names_an_organization"),
        ]

    def __str__(self):
        return f"{self.expert} ↔ {self.organization_label}"


class ExpertEmployment(ExpertOrganization):
    """A former employer of the expert and the date the employment ended: for FORMER_EMPLOYER_YEARS after it (see
    `apps.accounts.rules`) the expert must not judge that organization's items. The current employer is the
    profile's affiliation."""

    expert = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="employments")
    until = models.DateField(_("worked there until"), validators=[inputs.HISTORY_DATES])

    class Meta:
        ordering = ["-until", "id"]
        verbose_name = _("former employer")
        verbose_name_plural = _("former employers")
        constraints = [
            models.CheckConstraint(condition=NAMES_AN_ORGANIZATION, name="expert_employment_names_an_organization"),
            inputs.HISTORY_DATES.constraint("until", name="expert_employment_until_in_range"),
        ]

    def __str__(self):
        return f"{self.expert} · {self.organization_label} → {self.until}"


# The floors and ceilings of MLPS 2.0 level 3 within which the security administrator tunes the policy:
# field → (minimum, maximum or None). One table: `SecurityPolicy.clean` refuses outside it, the database constraints
# below hold the same numbers, and the security policy page states them beside each field (forms.SecurityPolicyForm).
POLICY_BOUNDS = {
    "password_max_age_days": (1, 180),
    "lockout_failures": (3, None),
    "lockout_minutes": (10, None),
    "session_idle_minutes": (5, 30),
}


class SecurityPolicy(ProjectModel, models.Model):
    """The security administrator's settings; a single row (defaults from settings.SECURITY_POLICY_DEFAULTS)."""

    password_max_age_days = models.PositiveIntegerField(_("password expiry (days, 0 = never)"), default=90)
    lockout_failures = models.PositiveSmallIntegerField(_("failed logins before lockout"), default=5)
    lockout_window_minutes = models.PositiveSmallIntegerField(_("counting window (minutes)"), default=15)
    lockout_minutes = models.PositiveSmallIntegerField(_("lockout duration (minutes)"), default=30)
    session_idle_minutes = models.PositiveSmallIntegerField(_("session idle timeout (minutes)"), default=30)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("security policy")
        verbose_name_plural = _("security policy")
        # The database's copy of the MLPS bounds of `clean` (the service refuses first, with the message).
        constraints = [
            models.CheckConstraint(
                condition=models.Q(password_max_age_days__range=POLICY_BOUNDS["password_max_age_days"]),
                name="policy_password_age_1_180",
            ),
            models.CheckConstraint(
                condition=models.Q(lockout_failures__gte=POLICY_BOUNDS["lockout_failures"][0]),
                name="policy_lockout_failures_min_3",
            ),
            models.CheckConstraint(
                condition=models.Q(lockout_minutes__gte=POLICY_BOUNDS["lockout_minutes"][0]),
                name="policy_lockout_minutes_min_10",
            ),
            models.CheckConstraint(
                condition=models.Q(session_idle_minutes__range=POLICY_BOUNDS["session_idle_minutes"]),
                name="policy_session_idle_5_30",
            ),
        ]

    def __str__(self):
        return str(_("security policy"))

    def clean(self):
        """The floors and ceilings of MLPS 2.0 level 3 (POLICY_BOUNDS): the security administrator tunes within
        them."""
        errors = {}
        for name, (low, high) in POLICY_BOUNDS.items():
            value = getattr(self, name)
            if value is None or (low <= value and (high is None or value <= high)):
                continue
            if high is None:
                errors[name] = _("At least %(n)d for MLPS level 3.") % {"n": low}
            else:
                errors[name] = _("Between %(min)d and %(max)d for MLPS level 3.") % {"min": low, "max": high}
        if errors:
            raise ValidationError(errors)


class LoginFailure(ProjectModel, models.Model):
    """A failed password check, keyed by username and IP together so a remote attacker cannot lock out a user
    who logs in from elsewhere."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)


class Lockout(ProjectModel, models.Model):
    username = models.CharField(_("username"), max_length=150)
    ip = models.GenericIPAddressField(_("IP address"), null=True)
    locked_at = models.DateTimeField(_("locked at"), default=timezone.now)
    until = models.DateTimeField(_("locked until"))
    released_at = models.DateTimeField(_("unlocked at"), null=True, blank=True)
    released_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-locked_at", "-id"]
        verbose_name = _("lockout")
        # The security administrator's current lockouts (not released), newest first: the history grows.
        indexes = [models.Index(fields=["released_at", "-locked_at", "-id"], name="lockout_open_newest")]
        verbose_name_plural = _("lockouts")

    def __str__(self):
        return f"{self.username}@{self.ip}"

    @property
    def is_active(self) -> bool:
        return self.released_at is None and self.until > timezone.now()
