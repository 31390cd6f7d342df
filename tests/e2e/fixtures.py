"""What every browser test shares, loaded for the whole suite by the root conftest (`pytest_plugins`):

- `login(user)`: the page signed in as `user` (a User, or a username) with the second factor verified, through a
  session made as tests/world.py `login` makes it — the login form has its own browser tests
  (tests/e2e/test_role_homes.py); on a busy machine its one-time code can go stale. Cookies of an earlier login are
  cleared first, and the page waits up to 90 s (a shared machine: the first pages can be slow);
- `e2e_world`: the test world committed to the database (the live server answers from another thread);
- `browser_login(user)`: signed in through the real login page and its second factor;
- `shoot(name)`: a full-page screenshot in var/screenshots/<name>.png.

A browser test's `world` (the root conftest's) is committed as well when the test is marked e2e."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PAGE_TIMEOUT_MS = 90_000


@pytest.fixture
def login(page, live_server):
    from django.conf import settings
    from django.test import Client

    from apps.accounts.models import User
    from tests.world import login as sign_in

    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.set_default_navigation_timeout(PAGE_TIMEOUT_MS)

    def log_in(user):
        if isinstance(user, str):
            user = User.objects.get(username=user)
        page.context.clear_cookies()
        client = Client()
        sign_in(client, user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])

    return log_in


@pytest.fixture
def e2e_world(transactional_db):
    from tests.world import build_world

    return build_world()


@pytest.fixture
def shoot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


def totp_code(user) -> str:
    from django_otp.oath import TOTP

    device = user.totpdevice_set.get(confirmed=True)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


@pytest.fixture
def browser_login(page, live_server):
    from apps.accounts.tests.factories import PASSWORD, totp_device

    def log_in(user):
        if user.requires_two_factor and not user.totpdevice_set.filter(confirmed=True).exists():
            totp_device(user)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        if user.requires_two_factor:
            page.wait_for_url("**/accounts/verify/")
            page.get_by_label("验证码").fill(totp_code(user))
            page.get_by_role("button", name="验证").click()
        page.wait_for_url("**/workbench/")

    return log_in
