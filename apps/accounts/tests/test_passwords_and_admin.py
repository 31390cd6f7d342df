import itertools

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import User
from apps.accounts.tests.factories import PASSWORD, UserFactory
from apps.audit.models import AuditEntry
from apps.core.errors import DomainError, PermissionDenied
from apps.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("Short1!a", "too short"),
        ("alllowercaseletters", "one class only"),
        ("lowercase123456", "two classes only"),
        ("Password1234", "common"),
    ],
)
def test_weak_passwords_are_refused(password, why):
    user = UserFactory(role=Role.UNIT_ADMIN)
    with pytest.raises(DomainError):
        services.change_password(user, PASSWORD, password)


def test_password_equal_to_username_is_refused():
    user = UserFactory(role=Role.UNIT_ADMIN, username="Zhang.San-2026")
    with pytest.raises(DomainError):
        services.change_password(user, PASSWORD, "Zhang.San-2026")


def test_last_five_passwords_cannot_be_reused():
    user = UserFactory(role=Role.UNIT_ADMIN)
    history = [PASSWORD] + [f"New-Secret-{i}x" for i in range(5)]
    for old, new in itertools.pairwise(history):
        services.change_password(user, old, new)
    for reused in history[1:]:
        with pytest.raises(DomainError):
            services.change_password(user, history[-1], reused)
    services.change_password(user, history[-1], PASSWORD)  # six back: allowed again


def test_account_created_by_admin_must_change_password_at_first_login(world):
    admin = world.user("system_admin")
    user, temporary = services.create_user(
        admin, username="new_officer", role=Role.REGIONAL_OFFICER, full_name="新同事"
    )
    assert user.must_change_password
    client = Client()
    client.post(reverse("accounts:login"), {"username": "new_officer", "password": temporary})
    # Officers enrol their authenticator first, then the password gate applies.
    from django_otp.oath import TOTP

    client.get(reverse("accounts:two_factor_setup"))
    key = bytes.fromhex(client.session["pending_totp_key"])
    client.post(reverse("accounts:two_factor_setup"), {"token": f"{TOTP(key).token():06d}"})
    response = client.get(reverse("core:home"))
    assert response["Location"] == reverse("accounts:password_change")
    client.post(
        reverse("accounts:password_change"),
        {"old_password": temporary, "new_password": "Fresh-Pass-77", "new_password2": "Fresh-Pass-77"},
    )
    user.refresh_from_db()
    assert not user.must_change_password
    assert AuditEntry.objects.filter(action="account.create", object_id=str(user.pk)).exists()


def test_admin_reset_forces_a_change_and_ends_sessions(world, client_for):
    victim_client = client_for("unit_member")
    assert victim_client.get(reverse("core:home")).status_code == 200
    response = client_for("system_admin").post(
        reverse("accounts:user_reset_password", args=[world.user("unit_member").pk])
    )
    assert response.status_code == 200 and response.context["password"]
    assert victim_client.get(reverse("core:home")).status_code == 302
    assert User.objects.get(pk=world.user("unit_member").pk).must_change_password


def test_password_change_ends_all_sessions(world, client_for):
    other_browser = client_for("unit_admin")
    assert other_browser.get(reverse("core:home")).status_code == 200
    client_for("unit_admin").post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password": "Brand-New-Pass-9", "new_password2": "Brand-New-Pass-9"},
    )
    assert other_browser.get(reverse("core:home")).status_code == 302


def test_only_the_system_admin_manages_accounts(world):
    for actor in ("security_admin", "audit_admin", "regional_officer"):
        with pytest.raises(PermissionDenied):
            services.create_user(world.user(actor), username="x1", role=Role.EXPERT)


def test_roles_need_their_binding(world):
    admin = world.user("system_admin")
    with pytest.raises(DomainError):
        services.create_user(admin, username="p1", role=Role.PREFECTURE_OFFICER)
    with pytest.raises(DomainError):
        services.create_user(admin, username="e1", role=Role.EVALUATOR, organization=world.org)


def test_no_account_is_a_superuser():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        UserFactory(role=Role.SYSTEM_ADMIN, is_superuser=True)


def test_user_create_form_shows_errors_in_chinese(world, client_for):
    response = client_for("system_admin").post(
        reverse("accounts:user_create"), {"username": "bad name!", "role": "prefecture_officer"}
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="bad name!").exists()
    assert response.context["form"].errors


def test_security_admin_resets_two_factor(world, client_for):
    from apps.accounts.tests.factories import totp_device

    target = world.user("expert")
    totp_device(target)
    client_for("security_admin").post(reverse("accounts:two_factor_reset", args=[target.pk]))
    assert not target.totpdevice_set.exists()


def test_security_policy_rejects_values_below_level_three(world, client_for):
    response = client_for("security_admin").post(
        reverse("accounts:security_home"),
        {
            "password_max_age_days": 90,
            "lockout_failures": 1,
            "lockout_window_minutes": 15,
            "lockout_minutes": 30,
            "session_idle_minutes": 120,
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"lockout_failures", "session_idle_minutes"}


@pytest.mark.parametrize("days", [0, 99999])
def test_password_expiry_must_stay_within_level_three_bounds(world, client_for, days):
    response = client_for("security_admin").post(
        reverse("accounts:security_home"),
        {
            "password_max_age_days": days,
            "lockout_failures": 5,
            "lockout_window_minutes": 15,
            "lockout_minutes": 30,
            "session_idle_minutes": 30,
        },
    )
    assert response.status_code == 200 and "password_max_age_days" in response.context["form"].errors


def test_the_service_refuses_a_policy_below_level_three_whatever_the_form(world):
    from apps.accounts import security

    with pytest.raises(Exception) as info:
        services.update_security_policy(world.user("security_admin"), session_idle_minutes=120)
    assert "session_idle_minutes" in str(info.value)
    assert security.policy().session_idle_minutes == 30
