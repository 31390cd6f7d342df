"""MLPS 2.0 level 3 login rules: lockout keyed by username + IP, two-factor login, session limits."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

from apps.accounts.models import Lockout, User
from apps.accounts.tests.factories import PASSWORD, UserFactory, totp_device
from apps.audit.models import AuditEntry
from apps.core.roles import Role
from apps.reference.models import Prefecture

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _login(client, username, password, ip="10.1.1.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def test_five_failures_lock_the_account_from_that_address_only():
    user = UserFactory(role=Role.UNIT_ADMIN)
    client = Client()
    for _ in range(4):
        assert _login(client, user.username, "wrong-password").status_code == 200
    response = _login(client, user.username, "wrong-password")
    assert response.status_code == 429
    assert Lockout.objects.filter(username=user.username, ip="10.1.1.1").exists()
    # Even the right password is refused from the locked address…
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    # …but the real user logging in from elsewhere is not locked out.
    other = Client()
    assert _login(other, user.username, PASSWORD, ip="10.2.2.2").status_code == 302
    assert AuditEntry.objects.filter(action="auth.login_failed").count() == 5
    assert AuditEntry.objects.filter(action="auth.locked_out").count() == 1
    assert AuditEntry.objects.filter(action="auth.login_refused_locked").count() == 1


def test_failures_outside_the_window_do_not_count():
    from datetime import timedelta

    from django.utils import timezone

    from apps.accounts.models import LoginFailure

    user = UserFactory(role=Role.UNIT_ADMIN)
    old = timezone.now() - timedelta(minutes=16)
    LoginFailure.objects.bulk_create([LoginFailure(username=user.username, ip="10.1.1.1", at=old)] * 4)
    response = _login(Client(), user.username, "wrong")
    assert response.status_code == 200
    assert not Lockout.objects.exists()


def test_security_admin_unlocks_and_the_unlock_is_audited(world, client_for):
    user = world.user("unit_admin")
    for _ in range(5):
        _login(Client(), user.username, "wrong")
    lockout = Lockout.objects.get()
    client_for("security_admin").post(reverse("accounts:lockout_release", args=[lockout.pk]))
    lockout.refresh_from_db()
    assert lockout.released_at is not None
    assert _login(Client(), user.username, PASSWORD).status_code == 302
    assert AuditEntry.objects.filter(action="auth.unlocked", actor_username="secadmin").exists()


def test_officer_must_enter_the_second_factor_before_anything_else():
    officer = UserFactory(role=Role.REGIONAL_OFFICER)
    device = totp_device(officer)
    client = Client()
    assert _login(client, officer.username, PASSWORD).status_code == 302
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:verify")
    response = client.post(reverse("accounts:verify"), {"token": "000000" if _code(device) != "000000" else "111111"})
    assert response.context["form"].errors["token"]
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a failure
    client.post(reverse("accounts:verify"), {"token": _code(device)})
    assert client.get(reverse("core:home")).status_code == 200


def test_officer_without_authenticator_is_sent_to_enrol():
    officer = UserFactory(role=Role.PREFECTURE_OFFICER, prefecture=_a_prefecture(), organization=None)
    client = Client()
    _login(client, officer.username, PASSWORD)
    response = client.get(reverse("core:home"))
    assert response["Location"] == reverse("accounts:two_factor_setup")
    client.get(reverse("accounts:two_factor_setup"))
    assert not officer.totpdevice_set.exists()  # showing the page stores nothing
    key = client.session["pending_totp_key"]
    wrong = client.post(reverse("accounts:two_factor_setup"), {"token": "12345x"})
    assert wrong.context["form"].errors and not officer.totpdevice_set.exists()
    client.post(reverse("accounts:two_factor_setup"), {"token": f"{TOTP(bytes.fromhex(key)).token():06d}"})
    assert officer.totpdevice_set.get().confirmed
    assert client.get(reverse("core:home")).status_code == 200


def test_unit_users_may_log_in_without_second_factor():
    unit = UserFactory(role=Role.UNIT_ADMIN)
    client = Client()
    _login(client, unit.username, PASSWORD)
    assert client.get(reverse("core:home")).status_code == 200


def test_idle_session_expires(world, client_for):
    client = client_for("unit_admin")
    assert client.get(reverse("core:home")).status_code == 200
    session = client.session
    session["last_seen"] = time.time() - 31 * 60
    session.save()
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert client.get(reverse("core:home")).status_code == 302


def test_absolute_session_lifetime(world, client_for, settings):
    client = client_for("unit_admin")
    client.get(reverse("core:home"))
    session = client.session
    session["login_at"] = time.time() - settings.SESSION_COOKIE_AGE - 1
    session.save()
    assert client.get(reverse("core:home")).status_code == 302


def test_logout_ends_every_session_of_the_user(world, client_for):
    first, second = client_for("unit_admin"), client_for("unit_admin")
    assert second.get(reverse("core:home")).status_code == 200
    first.post(reverse("accounts:logout"))
    assert second.get(reverse("core:home")).status_code == 302


def test_disabling_an_account_ends_its_sessions(world, client_for):
    victim = client_for("unit_member")
    assert victim.get(reverse("core:home")).status_code == 200
    client_for("system_admin").post(reverse("accounts:user_toggle_active", args=[world.user("unit_member").pk]))
    assert victim.get(reverse("core:home")).status_code == 302
    assert not User.objects.get(pk=world.user("unit_member").pk).is_active


def test_logged_in_pages_are_not_cached_and_carry_the_security_headers(world, client_for):
    response = client_for("unit_admin").get(reverse("core:home"))
    assert "no-store" in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_login_rate_limit(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": (3, 60)}
    client = Client()
    codes = [_login(client, "nobody", "x", ip="10.9.9.9").status_code for _ in range(4)]
    assert codes[-1] == 429


def test_open_redirect_after_login_is_refused():
    user = UserFactory(role=Role.UNIT_ADMIN)
    response = Client().post(
        LOGIN + "?next=https://evil.example.com/", {"username": user.username, "password": PASSWORD}
    )
    assert response["Location"] == reverse("core:home")


def _a_prefecture():
    return Prefecture.objects.order_by("code").first()
