"""Issue 13 §4 and §6: TOTP codes are good once on every path that accepts one; many failures for one account
from many addresses demand the human check (not a lock); the per-address login rate limit counts failures only."""

import pathlib
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP

from apps.accounts import rules, totp
from apps.accounts.models import LoginFailure
from apps.accounts.tests.factories import PASSWORD, UserFactory, totp_device
from apps.audit.models import AuditEntry
from apps.core.roles import Role

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
ACCOUNTS = pathlib.Path(__file__).resolve().parents[1]


def _code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def _password_only(user, ip="10.1.1.1"):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session
    return client


def _verified(client) -> bool:
    response = client.get(reverse("core:home"))
    return response.status_code == 200


# ---------------------------------------------------------------- one-time codes, every path that accepts one
def _enrol(client):
    """Enrolment path: the code of the pending authenticator confirms it. Returns the code used."""
    client.get(reverse("accounts:two_factor_setup"))
    key = client.session["pending_totp_key"]
    code = f"{TOTP(bytes.fromhex(key)).token():06d}"
    response = client.post(reverse("accounts:two_factor_setup"), {"token": code})
    assert response.status_code == 302
    return code


def _verify(client, code):
    return client.post(reverse("accounts:verify"), {"token": code})


def test_the_code_that_enrolled_cannot_be_replayed_in_a_second_session():
    """The instance reported: a code used to enrol got a second session in within its 30 seconds."""
    officer = UserFactory(role=Role.REGIONAL_OFFICER)
    first = _password_only(officer)
    code = _enrol(first)
    assert _verified(first)
    second = _password_only(officer, ip="10.2.2.2")
    response = _verify(second, code)
    assert response.status_code == 200 and response.context["form"].errors["token"]
    assert not _verified(second)


def test_a_login_code_cannot_be_replayed_in_a_second_session():
    officer = UserFactory(role=Role.REGIONAL_OFFICER)
    device = totp_device(officer)
    code = _code(device)
    first = _password_only(officer)
    _verify(first, code)
    assert _verified(first)
    second = _password_only(officer, ip="10.2.2.2")
    assert _verify(second, code).context["form"].errors["token"]
    assert not _verified(second)


def test_two_requests_with_the_same_code_cannot_both_pass():
    """Both read the device before either wrote it (a double click, a replay racing the original): the step is
    claimed with one conditional UPDATE, so exactly one wins."""
    officer = UserFactory(role=Role.REGIONAL_OFFICER)
    device = totp_device(officer)
    code = _code(device)
    stale_a = type(device).objects.get(pk=device.pk)
    stale_b = type(device).objects.get(pk=device.pk)
    assert [totp.use_code(stale_a, code), totp.use_code(stale_b, code)] == [True, False]


def test_a_code_from_an_earlier_step_than_the_last_used_is_refused():
    officer = UserFactory(role=Role.REGIONAL_OFFICER)
    device = totp_device(officer)
    previous = f"{TOTP(device.bin_key, drift=-1).token():06d}"  # the code of the step before (within tolerance)
    assert totp.use_code(device, _code(device))
    assert not totp.use_code(device, previous)


# Every view that accepts a code, and how the test above exercises it (a view added later that reads a TokenForm
# fails `test_every_code_accepting_view_is_walked` until its one-time use is shown here).
CODE_PATHS = {
    "views_auth.verify_view": test_a_login_code_cannot_be_replayed_in_a_second_session,
    "views_auth.two_factor_setup": test_the_code_that_enrolled_cannot_be_replayed_in_a_second_session,
}


def test_every_code_accepting_view_is_walked():
    found = set()
    for path in sorted(ACCOUNTS.parent.glob("*/views*.py")):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r"^def (\w+)\(.*?(?=^def |\Z)", source, flags=re.S | re.M):
            if "TokenForm(" in match.group(0) or "totp." in match.group(0):
                found.add(f"{path.stem}.{match.group(1)}")
    assert found == set(CODE_PATHS)


def test_every_code_check_goes_through_the_one_time_module():
    """No service verifies a code past apps/accounts/totp.py (django-otp's verify_token does not claim the step
    atomically; a bare TOTP().verify() remembers nothing)."""
    for path in ACCOUNTS.parent.rglob("*.py"):
        if "tests" in path.parts or path.name == "totp.py" or "demo" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        assert ".verify_token(" not in source, path
        assert not re.search(r"TOTP\([^)]*\)\.verify\(", source), path


# ---------------------------------------------------------------- many failures for one account, many addresses
def _fail_from_many_addresses(username, count):
    for i in range(count):
        Client(REMOTE_ADDR=f"10.7.{i // 4}.{i % 4 + 1}").post(LOGIN, {"username": username, "password": "wrong"})


def _answer(client):
    return client.session["human_check:login"]["a"]


def test_failures_from_many_addresses_demand_the_human_check_before_any_password_try():
    user = UserFactory(role=Role.UNIT_ADMIN)
    _fail_from_many_addresses(user.username, rules.ACCOUNT_HUMAN_CHECK_FAILURES)  # never 5 from one address
    assert AuditEntry.objects.filter(action="auth.human_check_required").count() == 1
    attacker = Client(REMOTE_ADDR="10.8.0.1")
    response = attacker.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in attacker.session  # the right password, unchecked
    assert "human_check" in response.context["form"].fields
    assert response.context["form"].fields["human_check"].help_text  # the question is asked
    # a wrong answer is refused before the password is tried: no failure is counted for it
    failures = LoginFailure.objects.count()
    attacker.post(LOGIN, {"username": user.username, "password": "still-wrong", "human_check": "999"})
    assert LoginFailure.objects.count() == failures
    # not a lock: the real user, answering the check, gets in
    real = Client(REMOTE_ADDR="10.8.0.2")
    real.post(LOGIN, {"username": user.username, "password": "x"})
    response = real.post(LOGIN, {"username": user.username, "password": PASSWORD, "human_check": _answer(real)})
    assert response.status_code == 302 and "_auth_user_id" in real.session


def test_below_the_threshold_or_after_the_window_no_check_is_asked():
    user = UserFactory(role=Role.UNIT_ADMIN)
    _fail_from_many_addresses(user.username, rules.ACCOUNT_HUMAN_CHECK_FAILURES - 1)
    assert Client().post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 302
    other = UserFactory(role=Role.UNIT_ADMIN)
    old = timezone.now() - timedelta(hours=rules.ACCOUNT_HUMAN_CHECK_WINDOW_HOURS, minutes=1)
    LoginFailure.objects.bulk_create(
        [LoginFailure(username=other.username, ip=f"10.6.0.{i + 1}", at=old) for i in range(20)]
    )
    assert Client().post(LOGIN, {"username": other.username, "password": PASSWORD}).status_code == 302


def test_the_per_address_lock_still_holds_beside_the_account_check():
    user = UserFactory(role=Role.UNIT_ADMIN)
    client = Client(REMOTE_ADDR="10.5.5.5")
    for _ in range(5):
        client.post(LOGIN, {"username": user.username, "password": "wrong"})
    assert client.post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 429


# ---------------------------------------------------------------- the per-address rate limit counts failures
def test_an_office_behind_one_address_is_not_limited_by_its_successful_logins(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": (3, 300)}
    for _ in range(6):  # twice the limit of colleagues logging in from the same NAT address
        colleague = UserFactory(role=Role.UNIT_ADMIN)
        response = Client(REMOTE_ADDR="10.3.3.3").post(LOGIN, {"username": colleague.username, "password": PASSWORD})
        assert response.status_code == 302


def test_failed_logins_from_one_address_are_limited(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": (3, 300)}
    user = UserFactory(role=Role.UNIT_ADMIN)
    client = Client(REMOTE_ADDR="10.4.4.4")
    for i in range(3):
        client.post(LOGIN, {"username": f"nobody{i}", "password": "x"})
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert "失败" in response.content.decode()  # said in Chinese, as a failure count
    # another address is not affected
    assert Client(REMOTE_ADDR="10.4.4.5").post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code


def test_the_configured_limit_is_sized_for_an_office_of_a_few_hundred_people():
    from config.settings import base

    limit, seconds = base.RATE_LIMITS["login"]
    assert limit >= 300 and seconds <= 300
