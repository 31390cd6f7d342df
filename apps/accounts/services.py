"""Account actions: login, password and two-factor life cycle, and the administrators' account management."""

import secrets
import string

from django.contrib import auth
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import DomainError, PermissionDenied
from apps.core.human_check import Challenge
from apps.core.policy import require
from apps.core.request_context import client_ip
from apps.core.roles import ADMIN_ROLES, Role
from apps.notifications import services as notifications
from apps.organizations.models import Organization

from . import conflicts, policies, security, totp
from .models import ExpertProfile, PasswordHistory, User, new_stamp

USER_FIELDS = ["username", "full_name", "email", "phone", "role", "organization", "prefecture", "is_active"]


# ---------------------------------------------------------------- login
LOGIN_CHALLENGE = "login"


def login_with_password(request, username: str, password: str, human_check: str = "") -> User:
    """Check the password under the lockout rule; on success the session is logged in (second factor next).
    After many failures for this account from any addresses (security.human_check_required), the human check
    must be answered before the password is even tried."""
    username = inputs.normalised_text(username, single_line=True)  # as stored: a NUL never reaches a query
    ip = client_ip(request)
    lockout = security.active_lockout(username, ip)
    if lockout is not None:
        audit.record(
            "auth.login_refused_locked",
            lockout,
            message=security.audit_message(gettext_lazy("Source address %(ip)s"), ip=ip),
        )
        raise DomainError(
            _(
                "Too many failed logins: this account is locked from your address until %(until)s. Contact the "
                "security administrator to unlock it earlier."
            )
            % {"until": timezone.localtime(lockout.until).strftime("%Y-%m-%d %H:%M")},
            code="locked",
        )
    if security.human_check_required(username) and not Challenge(request, LOGIN_CHALLENGE).check(human_check):
        raise DomainError(
            _(
                "There have been many failed logins for this account: answer the check question below, then "
                "log in again."
            ),
            code="human_check",
        )
    user = auth.authenticate(request, username=username, password=password)
    if user is None:
        new_lockout = security.record_failure(username, ip)
        if new_lockout is not None:
            raise DomainError(
                _("Too many failed logins: this account is locked from your address for %(minutes)d minutes.")
                % {"minutes": security.policy().lockout_minutes},
                code="locked",
            )
        raise DomainError(_("Wrong username or password, or the account is disabled."), code="bad_credentials")
    security.clear_failures(username, ip)
    auth.login(request, user)
    request.session["login_at"] = timezone.now().timestamp()
    return user


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def verify_second_factor(request, token: str) -> None:
    device = confirmed_totp_device(request.user)
    ip = client_ip(request)
    if device is None:
        raise DomainError(_("No authenticator is registered for this account."))
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise DomainError(
            _("Too many attempts in a short time: wait a few seconds and enter a fresh code."), code="throttled"
        )
    if not totp.use_code(device, token):
        lockout = security.record_failure(request.user.username, ip)
        if lockout is not None:
            logout_everywhere(request)
            raise DomainError(_("Too many failed attempts: the account is locked from your address."), code="locked")
        raise DomainError(_("The verification code is wrong or has expired."), code="bad_token")
    otp_login(request, device)
    audit.record("auth.second_factor_ok", request.user, actor=request.user)


PENDING_TOTP_KEY = "pending_totp_key"


def pending_totp_device(request) -> TOTPDevice:
    """The authenticator being registered, kept in the session until confirmed: showing the registration page
    (a GET) changes nothing in the database."""
    key = request.session.get(PENDING_TOTP_KEY)
    if not key:
        key = secrets.token_hex(20)
        request.session[PENDING_TOTP_KEY] = key
    return TOTPDevice(user=request.user, name=_("Authenticator app"), key=key, confirmed=False)


def confirm_totp_enrollment(request, token: str) -> TOTPDevice:
    """The code shown by the new authenticator confirms it. The code's time step is stored as used on the new
    device, so the same code cannot be replayed at the verification page of another session (codes are good
    once: apps/accounts/totp.py)."""
    key = request.session.get(PENDING_TOTP_KEY)
    if not key:
        raise DomainError(_("Start the registration again: no pending authenticator."))
    found = totp.matching_step(bytes.fromhex(key), token)
    if found is None:
        raise DomainError(_("The verification code is wrong. Check the time on your phone and try again."))
    step, drift = found
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).delete()
        device = TOTPDevice.objects.create(
            user=request.user,
            name=_("Authenticator app"),
            key=key,
            confirmed=True,
            last_t=step,
            drift=drift,
            last_used_at=timezone.now(),
        )
        audit.record("auth.two_factor_enrolled", request.user, actor=request.user)
    del request.session[PENDING_TOTP_KEY]
    otp_login(request, device)
    return device


def logout_everywhere(request) -> None:
    """Logout ends every session of the user, not only this browser's."""
    user = request.user
    if user.is_authenticated:
        User.objects.filter(pk=user.pk).update(security_stamp=new_stamp())
    auth.logout(request)


# ---------------------------------------------------------------- passwords
def _set_password(user: User, raw: str, *, must_change: bool) -> None:
    if user.password:
        PasswordHistory.objects.create(user=user, password=user.password)
    user.set_password(raw)
    user.must_change_password = must_change
    user.password_changed_at = timezone.now()
    user.security_stamp = new_stamp()
    user.save(update_fields=["password", "must_change_password", "password_changed_at", "security_stamp"])


def change_password(user: User, old_password: str, new_password: str) -> None:
    if not user.check_password(old_password or ""):
        raise DomainError(_("The current password is wrong."), code="wrong_old_password")
    _choose_password(user, new_password, "auth.password_changed")


def _choose_password(user: User, new_password: str, action: str) -> None:
    """The password the user chose: checked by the validators (their messages as one DomainError), then stored
    (every other session ends) and audited as `action`."""
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    with transaction.atomic():
        _set_password(user, new_password, must_change=False)
        audit.record(action, user, actor=user)


def temporary_password() -> str:
    """A random password meeting the policy, shown once to the administrator."""
    alphabet = string.ascii_letters + string.digits
    core = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{core}#{secrets.choice(string.digits)}{secrets.choice(string.ascii_uppercase)}"


# ---------------------------------------------------------------- system administrator


def _check_binding(role: str, organization, prefecture) -> None:
    if role == Role.PREFECTURE_OFFICER and prefecture is None:
        raise DomainError(_("A prefecture officer must be bound to a prefecture office."))
    if role in (Role.UNIT_ADMIN, Role.UNIT_MEMBER, Role.EVALUATOR) and organization is None:
        raise DomainError(_("This role must belong to an organization."))
    if role == Role.EVALUATOR and organization.kind != Organization.Kind.EVALUATOR:
        raise DomainError(_("An evaluator must belong to a third-party evaluator organization."))


def create_user(
    admin: User,
    *,
    username: str,
    role: str,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    organization=None,
    prefecture=None,
) -> tuple[User, str]:
    """Create an account with a temporary password the user must change at first login."""
    require(policies.can_manage_accounts(admin))
    if role in ADMIN_ROLES and role == admin.role:
        raise DomainError(_("An administrator cannot create another account of their own administrator role."))
    _check_binding(role, organization, prefecture)
    return _create_account(
        admin,
        username=username,
        role=role,
        full_name=full_name,
        email=email,
        phone=phone,
        organization=organization if role not in (Role.PREFECTURE_OFFICER,) else None,
        prefecture=prefecture if role == Role.PREFECTURE_OFFICER else None,
    )


def _create_account(actor: User, **fields) -> tuple[User, str]:
    """A new account (`fields` of User) with a temporary password it must change at first login, audited; an
    expert gets its (empty) profile."""
    fields["username"] = inputs.normalised_text(fields["username"], single_line=True)  # as the save stores it
    if User.objects.filter(username__iexact=fields["username"]).exists():
        raise DomainError(_("This username is taken."))
    password = temporary_password()
    with transaction.atomic():
        user = User(**fields)
        user.set_password(password)
        user.must_change_password = True
        user.full_clean()
        user.save()
        if user.role == Role.EXPERT:
            ExpertProfile.objects.create(user=user)
        audit.record("account.create", user, after=audit.snapshot(user, fields=USER_FIELDS), actor=actor)
    return user, password


def update_user(admin: User, user: User, **changes) -> User:
    require(policies.can_manage_accounts(admin))
    if user.pk == admin.pk and "role" in changes and changes["role"] != admin.role:
        raise DomainError(_("Administrators cannot change their own role."))
    _check_binding(
        changes.get("role", user.role),
        changes.get("organization", user.organization),
        changes.get("prefecture", user.prefecture),
    )
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        before = audit.snapshot(locked, fields=USER_FIELDS)
        for name, value in changes.items():
            setattr(locked, name, value)
        if "role" in changes and changes["role"] != before["role"]:
            locked.security_stamp = new_stamp()  # a new role starts from a fresh login
        locked.full_clean()
        locked.save()
        old, new = audit.changed(before, audit.snapshot(locked, fields=USER_FIELDS))
        audit.record("account.update", locked, before=old, after=new, actor=admin)
    return locked


def reset_password(admin: User, user: User) -> str:
    require(policies.can_manage_accounts(admin))
    password = temporary_password()
    with transaction.atomic():
        _set_password(user, password, must_change=True)
        audit.record("account.password_reset", user, actor=admin)
    return password


def set_active(admin: User, user: User, active: bool) -> User:
    require(policies.can_manage_accounts(admin))
    if user.pk == admin.pk:
        raise DomainError(_("You cannot disable your own account."))
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=active, security_stamp=new_stamp())
        audit.record("account.enable" if active else "account.disable", user, actor=admin)
    user.refresh_from_db()
    return user


# ---------------------------------------------------------------- security administrator
def reset_two_factor(admin: User, user: User) -> None:
    require(policies.can_manage_security(admin))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        User.objects.filter(pk=user.pk).update(security_stamp=new_stamp())
        audit.record("auth.two_factor_reset", user, actor=admin)


def update_security_policy(admin: User, **values):
    require(policies.can_manage_security(admin))
    current = security.policy()
    with transaction.atomic():
        before = audit.snapshot(current)
        for name, value in inputs.parse_values(type(current), values).items():  # "15" read, "1_5" refused
            setattr(current, name, value)
        current.full_clean()
        current.save()
        old, new = audit.changed(before, audit.snapshot(current))
        audit.record("security.policy_update", current, before=old, after=new, actor=admin)
    return current


# ---------------------------------------------------------------- unit self-registration
def register_unit(
    *, organization: Organization, username: str, password: str, full_name: str, email: str, phone: str
) -> User:
    """A unit registers itself from the public site: the organization waits for its prefecture office."""
    username = inputs.normalised_text(username, single_line=True)  # as the save stores it, before any query
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("This username is taken."))
    if Organization.objects.filter(credit_code=organization.credit_code).exists():
        raise DomainError(
            _(
                "An organization with this credit code is already registered. Ask its unit "
                "administrator to create an account for you."
            )
        )
    user = User(username=username, role=Role.UNIT_ADMIN, full_name=full_name, email=email, phone=phone)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    with transaction.atomic():
        organization.status = Organization.Status.PENDING
        organization.full_clean()
        organization.save()
        user.organization = organization
        user.set_password(password)
        user.full_clean()
        user.save()
        audit.record("organization.register", organization, after=audit.snapshot(organization), actor=user)
        audit.record("account.register", user, after=audit.snapshot(user, fields=USER_FIELDS), actor=user)
        officers = User.objects.filter(
            role=Role.PREFECTURE_OFFICER, prefecture=organization.prefecture_id, is_active=True
        )
        if organization.prefecture_id is None:
            officers = User.objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)
        from django.urls import reverse

        notifications.notify(
            officers,
            _("New organization to approve: %(name)s") % {"name": organization.name},
            url=reverse("organizations:detail", args=[organization.pk]),
            subject=organization,
            is_task=True,
        )
    return user


# ---------------------------------------------------------------- unit administrator
def create_unit_member(
    unit_admin: User, *, username: str, full_name: str, email: str = "", phone: str = "", as_admin: bool = False
) -> tuple[User, str]:
    """A unit administrator adds colleagues of the same organization (temporary password, changed at first
    login)."""
    require(policies.can_manage_unit_members(unit_admin))
    return _create_account(
        unit_admin,
        username=username,
        full_name=full_name,
        email=email,
        phone=phone,
        role=Role.UNIT_ADMIN if as_admin else Role.UNIT_MEMBER,
        organization=unit_admin.organization,
    )


def set_unit_member_active(unit_admin: User, member: User, active: bool) -> User:
    require(policies.can_manage_unit_members(unit_admin))
    if member.organization_id != unit_admin.organization_id or member.pk == unit_admin.pk:
        raise PermissionDenied(_("You can only manage other accounts of your own organization."))
    with transaction.atomic():
        User.objects.filter(pk=member.pk).update(is_active=active, security_stamp=new_stamp())
        audit.record("account.enable" if active else "account.disable", member, actor=unit_admin)
    member.refresh_from_db()
    return member


# ---------------------------------------------------------------- experts
# Anything that can create a conflict of interest (affiliation, declaration, former employer) excludes, in the same
# transaction, the expert's open assignments that now conflict (`conflicts.exclude_open_assignments`).


def _require_expert(user: User) -> ExpertProfile:
    if user.role != Role.EXPERT:
        raise PermissionDenied(_("Only experts have an expert profile."))
    profile, _created = ExpertProfile.objects.get_or_create(user=user)
    return profile


def _organization_or_name(organization, organization_name: str) -> tuple[object, str]:
    """A registered organization, or a name as written (kept only when no organization is chosen)."""
    name = " ".join(inputs.normalised_text(organization_name, single_line=True).split())  # as stored: U+200B is none
    if organization is None and not name:
        raise DomainError(_("Choose the organization, or write its name if it is not registered."))
    return organization, ("" if organization is not None else name)


def update_expert_profile(
    expert: User, *, title: str, fields: str, industries, affiliation, affiliation_name: str
) -> ExpertProfile:
    if expert.role != Role.EXPERT:
        raise PermissionDenied(_("Only experts have an expert profile."))
    title, fields = inputs.normalised_text(title, single_line=True), inputs.normalised_text(fields, single_line=True)
    affiliation_name = inputs.normalised_text(affiliation_name, single_line=True)
    if not title or not fields or not industries:
        raise DomainError(_("Title, fields of expertise and at least one industry are needed to assign you work."))
    if affiliation is None and not affiliation_name:
        raise DomainError(_("Give your affiliation: conflicts of interest are checked against it."))
    with transaction.atomic():
        profile, _created = ExpertProfile.objects.select_for_update().get_or_create(user=expert)
        before = audit.snapshot(profile)
        profile.title, profile.fields = title, fields
        profile.affiliation, profile.affiliation_name = affiliation, affiliation_name
        profile.full_clean()
        profile.save()
        profile.industries.set(industries)
        old, new = audit.changed(before, audit.snapshot(profile))
        audit.record("expert.profile_update", profile, before=old, after=new, actor=expert)
        # `withdrawn`: the open assignments this change excluded (each audited by its app), for the page to say so.
        profile.withdrawn = len(conflicts.exclude_open_assignments(expert, actor=expert))
    return profile


def _record_add(expert: User, action: str, row):
    """Save a row of the expert's record (a declared conflict, a former employer), audited; the expert's open
    assignments that now conflict are excluded in the same transaction."""
    with transaction.atomic():
        row.save(force_insert=True)
        audit.record(action, row, after=audit.snapshot(row), actor=expert)
        conflicts.exclude_open_assignments(expert, actor=expert)
    return row


def _record_remove(expert: User, action: str, row, refusal) -> None:
    """Delete a row of the expert's own record, audited (removing it restores no excluded assignment)."""
    if row.expert.user_id != expert.pk:
        raise PermissionDenied(refusal)
    with transaction.atomic():
        audit.record(action, row, before=audit.snapshot(row), actor=expert)
        row.delete()


def declare_conflict(expert: User, organization=None, reason: str = "", *, organization_name: str = ""):
    """The expert declares a conflict with a registered organization or, when it is not registered, with a name as
    written. The expert's open assignments involving it are excluded at once, with this declaration as reason."""
    from .models import ExpertConflict

    profile = _require_expert(expert)
    reason = inputs.required_text(reason, message=_("Please give a reason."), code="refused", single_line=True)
    organization, organization_name = _organization_or_name(organization, organization_name)
    duplicate = (
        ExpertConflict.objects.filter(expert=profile, organization=organization).exists()
        if organization is not None
        else any(
            conflicts.normalise_name(row.organization_name) == conflicts.normalise_name(organization_name)
            for row in ExpertConflict.objects.filter(expert=profile, organization__isnull=True)
        )
    )
    if duplicate:
        raise DomainError(_("You have already declared a conflict with this organization."))
    return _record_add(
        expert,
        "expert.conflict_declare",
        ExpertConflict(expert=profile, organization=organization, organization_name=organization_name, reason=reason),
    )


def withdraw_conflict(expert: User, conflict) -> None:
    """Withdrawing a declaration does not restore an assignment it excluded (the bureau assigns anew)."""
    _record_remove(expert, "expert.conflict_withdraw", conflict, _("This declaration is not yours."))


def add_former_employer(expert: User, *, organization=None, organization_name: str = "", until):
    """A former employer and the day the employment ended: for rules.FORMER_EMPLOYER_YEARS after it the expert
    judges none of its items; open assignments involving it are excluded at once."""
    from .models import ExpertEmployment

    profile = _require_expert(expert)
    organization, organization_name = _organization_or_name(organization, organization_name)
    if until is None:
        raise DomainError(_("Give the date the employment ended."))
    if until > clock.today():
        raise DomainError(_("The employment must have ended: your current employer is your affiliation."))
    return _record_add(
        expert,
        "expert.employment_add",
        ExpertEmployment(expert=profile, organization=organization, organization_name=organization_name, until=until),
    )


def remove_former_employer(expert: User, employment) -> None:
    _record_remove(expert, "expert.employment_remove", employment, _("This entry is not yours."))


# ---------------------------------------------------------------- self-service password reset
def request_password_reset(username: str, email: str) -> None:
    """Same answer whether or not the account exists (no account enumeration); the email goes out by the worker."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    username = inputs.normalised_text(username, single_line=True)  # as typed into a form: no NUL in the query
    email = inputs.normalised_text(email, single_line=True)
    user = User.objects.filter(username__iexact=username, email__iexact=email, is_active=True).first()
    audit.record(
        "auth.password_reset_requested",
        object_type="accounts.user",
        object_repr=username[:150],
        object_id=user.pk if user else "",
    )
    if user is None or not user.email:
        return
    link = reverse(
        "accounts:password_reset_confirm",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
    )
    notifications.notify(
        [user],
        _("Reset your password"),
        url=link,
        email=True,
        body=_(
            "Open the link within %(hours)d hours to choose a new password. If you did not ask "
            "for this, ignore this message."
        )
        % {"hours": 24},
    )


def user_for_reset_token(uidb64: str, token: str) -> User | None:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.http import urlsafe_base64_decode

    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


def reset_password_with_token(user: User, new_password: str) -> None:
    _choose_password(user, new_password, "auth.password_reset_done")
